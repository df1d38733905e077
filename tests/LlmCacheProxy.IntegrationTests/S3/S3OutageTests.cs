using System.Text.Json;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.S3;

/// <summary>S3 going away must cost nothing but latency: every request answered, every write kept and sent later.</summary>
public sealed class S3OutageTests
{
    private static readonly string[] Prompts = ["outage one", "outage two", "outage three"];

    [Fact]
    public async Task S3Down_RequestsAnsweredAndReadyzDegraded_OutboxDrainsAfterS3Returns()
    {
        await using var s3 = await S3rverServer.StartAsync();
        using var client = s3.CreateClient();
        await using var ctx = await ProxyTestContext.StartAsync(s3.ProxySettings());

        var keys = await AnswerEveryPromptWhileS3IsDownAsync(s3, ctx);

        using var ready = await ctx.Proxy.Http.GetAsync("readyz");
        using var readyBody = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("degraded", readyBody.RootElement.GetProperty("checks").GetProperty("s3").GetString());
        Assert.Equal(Prompts.Length, S3TestHelpers.OutboxCount(ctx.Proxy));

        await s3.RestartAsync();
        await S3TestHelpers.WaitForUploadsAsync(ctx.Proxy, s3, client, [.. keys]);

        var stored = await S3TestHelpers.ListKeysAsync(client, s3.Bucket, "llm-cache/");
        Assert.Equal(Prompts.Length * 2, stored.Count);
        Assert.Equal(Prompts.Length, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task ProxyRestart_WithPendingOutbox_DrainsAfterRestart()
    {
        await using var s3 = await S3rverServer.StartAsync();
        using var client = s3.CreateClient();
        await using var ctx = await ProxyTestContext.StartAsync(s3.ProxySettings());
        var keys = await AnswerEveryPromptWhileS3IsDownAsync(s3, ctx);
        Assert.Equal(Prompts.Length, S3TestHelpers.OutboxCount(ctx.Proxy));

        await ctx.RestartProxyAsync(s3.ProxySettings());
        Assert.Equal(Prompts.Length, S3TestHelpers.OutboxCount(ctx.Proxy));
        await s3.RestartAsync();

        await S3TestHelpers.WaitForUploadsAsync(ctx.Proxy, s3, client, [.. keys]);
        Assert.Equal(Prompts.Length * 2, (await S3TestHelpers.ListKeysAsync(client, s3.Bucket, "llm-cache/")).Count);
    }

    /// <summary>Stops S3, sends every prompt (each must still be answered in full), waits for SQLite; returns the keys.</summary>
    private static async Task<List<string>> AnswerEveryPromptWhileS3IsDownAsync(S3rverServer s3, ProxyTestContext ctx)
    {
        await s3.StopAsync();
        var keys = new List<string>();
        foreach (var prompt in Prompts)
        {
            using var response = await ctx.Proxy.Http.SendAsync(ChatRequests.Body(prompt));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("echo: " + prompt, await response.Content.ReadAsStringAsync());
            keys.Add(response.Header("X-Cache-Key")!);
        }

        await ctx.Proxy.FlushAsync();
        return keys;
    }
}
