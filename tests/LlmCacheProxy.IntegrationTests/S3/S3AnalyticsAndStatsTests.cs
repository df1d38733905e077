using System.Text.Json;
using LlmCacheProxy.IntegrationTests.Admin;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.S3;

/// <summary>Where S3 meets the other features: the statistics snapshot and the outbox depth in admin stats.</summary>
public sealed class S3AnalyticsAndStatsTests
{
    [Fact]
    public async Task StatisticsSnapshot_WithS3Enabled_IsWrittenToGlobalStatistics()
    {
        await using var s3 = await S3rverServer.StartAsync();
        using var client = s3.CreateClient();
        var settings = s3.ProxySettings(new Dictionary<string, string?> { ["Analytics:SnapshotIntervalSeconds"] = "5" });
        await using var ctx = await ProxyTestContext.StartAsync(settings);

        using var response = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("count me in the snapshot"));
        await Poll.AssertEventuallyAsync(
            async () => (await S3TestHelpers.ListKeysAsync(client, s3.Bucket, "cache-index/global/")).Contains("cache-index/global/statistics.json"),
            "statistics.json in the bucket",
            S3TestHelpers.Patience);

        using var doc = JsonDocument.Parse(await S3TestHelpers.ReadAsync(client, s3.Bucket, "cache-index/global/statistics.json"));
        Assert.True(doc.RootElement.TryGetProperty("requests", out _));
        Assert.True(doc.RootElement.TryGetProperty("cost_saved", out _));
    }

    [Fact]
    public async Task AdminStats_WhileS3IsDown_ReportsTheOutboxDepth()
    {
        await using var s3 = await S3rverServer.StartAsync();
        await using var ctx = await ProxyTestContext.StartAsync(s3.ProxySettings(AdminApi.Settings()));
        await s3.StopAsync();

        foreach (var prompt in new[] { "pending one", "pending two" })
        {
            using var response = await ctx.Proxy.Http.SendAsync(ChatRequests.Body(prompt));
        }

        await ctx.Proxy.FlushAsync();
        long depth = -1;
        await Poll.AssertEventuallyAsync(async () =>
        {
            var (_, json) = await ctx.Proxy.SendAsync(HttpMethod.Get, "/admin/stats");
            depth = json.GetProperty("outbox_depth").GetInt64();
            return depth == 2;
        }, "outbox_depth of 2", TimeSpan.FromSeconds(15));

        Assert.Equal(2, depth);
    }
}
