using LlmCacheProxy.IntegrationTests.Infrastructure;
using OpenAI.Chat;

namespace LlmCacheProxy.IntegrationTests.Proxy;

/// <summary>The official OpenAI .NET SDK against the real proxy in front of a counting fake upstream.</summary>
public sealed class SdkCachingTests
{
    [Fact]
    public async Task IdenticalRequest_SecondTime_IsMemoryHitAndUpstreamCalledOnce()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = ctx.Proxy.ChatClient();

        var first = await client.CompleteChatAsync([new UserChatMessage("What is the capital of France?")]);
        var second = await client.CompleteChatAsync([new UserChatMessage("What is the capital of France?")]);

        Assert.Equal(1, ctx.Upstream.ChatCalls);
        Assert.Equal("MISS", first.Header("X-Cache"));
        Assert.Equal("HIT", second.Header("X-Cache"));
        Assert.Equal("memory", second.Header("X-Cache-Tier"));
        Assert.Equal(first.Value.Id, second.Value.Id);
        Assert.Equal("echo: What is the capital of France?", second.Value.Content[0].Text);
        Assert.Equal(first.GetRawResponse().Content.ToArray(), second.GetRawResponse().Content.ToArray());
        Assert.Equal(first.Header("X-Cache-Key"), second.Header("X-Cache-Key"));
        Assert.Matches("^[0-9a-f]{64}$", second.Header("X-Cache-Key"));
        Assert.True(int.Parse(second.Header("Age")) >= 0);
    }

    [Fact]
    public async Task DifferentTemperature_IsMiss()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = ctx.Proxy.ChatClient();

        await client.CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions { Temperature = 0.2f });
        var other = await client.CompleteChatAsync([new UserChatMessage("hi")], new ChatCompletionOptions { Temperature = 0.9f });

        Assert.Equal("MISS", other.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task DifferentMessage_IsMiss()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var client = ctx.Proxy.ChatClient();

        await client.CompleteChatAsync([new UserChatMessage("first question")]);
        var other = await client.CompleteChatAsync([new UserChatMessage("second question")]);

        Assert.Equal("MISS", other.Header("X-Cache"));
        Assert.Equal("echo: second question", other.Value.Content[0].Text);
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task Restart_OnSameSqliteFile_IsHitFromSqlite()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var before = await ctx.Proxy.ChatClient().CompleteChatAsync([new UserChatMessage("survive a restart")]);

        await ctx.RestartProxyAsync(ProxyTestContext.WithoutWarmup());
        var after = await ctx.Proxy.ChatClient().CompleteChatAsync([new UserChatMessage("survive a restart")]);
        var again = await ctx.Proxy.ChatClient().CompleteChatAsync([new UserChatMessage("survive a restart")]);

        Assert.Equal(1, ctx.Upstream.ChatCalls);
        Assert.Equal("HIT", after.Header("X-Cache"));
        Assert.Equal("sqlite", after.Header("X-Cache-Tier"));
        Assert.Equal("memory", again.Header("X-Cache-Tier"));
        Assert.Equal(before.GetRawResponse().Content.ToArray(), after.GetRawResponse().Content.ToArray());
    }

    [Fact]
    public async Task OtherCaller_InPassthroughMode_DoesNotReadFirstCallersEntry()
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        await ctx.Proxy.ChatClient(apiKey: "sk-caller-a").CompleteChatAsync([new UserChatMessage("private")]);
        var other = await ctx.Proxy.ChatClient(apiKey: "sk-caller-b").CompleteChatAsync([new UserChatMessage("private")]);

        Assert.Equal("MISS", other.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }
}
