using LlmCacheProxy.IntegrationTests.Infrastructure;
using OpenAI.Chat;

namespace LlmCacheProxy.IntegrationTests.Proxy;

/// <summary><c>Proxy:Upstream</c> as SDK docs write a base URL (ending in /v1): requests still reach /v1/..., not /v1/v1/...</summary>
public sealed class UpstreamBaseTests
{
    [Theory]
    [InlineData("v1")]
    [InlineData("v1/")]
    public async Task UpstreamEndingInV1_SdkRequest_ReachesTheUpstreamsChatRoute(string suffix)
    {
        await using var upstream = await FakeUpstream.FakeOpenAiServer.StartAsync();
        using var dir = new TestDirectory();
        await using var proxy = await ProxyInstance.StartAsync(upstream.BaseAddress, dir.SqlitePath, new Dictionary<string, string?>
        {
            ["Proxy:Upstream"] = upstream.BaseAddress + suffix,
        });

        var answer = await proxy.ChatClient().CompleteChatAsync([new UserChatMessage("base url with version")]);

        Assert.Equal("echo: base url with version", answer.Value.Content[0].Text);
        Assert.Equal(1, upstream.ChatCalls);
    }
}
