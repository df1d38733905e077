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
        // A snapshot taken before the request was recorded counts nothing: wait for one that counts it.
        JsonElement snapshot = default;
        await Poll.AssertEventuallyAsync(async () =>
        {
            if (!(await S3TestHelpers.ListKeysAsync(client, s3.Bucket, "cache-index/global/")).Contains("cache-index/global/statistics.json"))
            {
                return false;
            }

            using var doc = JsonDocument.Parse(await S3TestHelpers.ReadAsync(client, s3.Bucket, "cache-index/global/statistics.json"));
            snapshot = doc.RootElement.Clone();
            return snapshot.TryGetProperty("requests", out var requests) && requests.GetInt64() > 0;
        }, "statistics.json in the bucket, counting the request", S3TestHelpers.Patience);

        Assert.True(snapshot.TryGetProperty("requests", out _));
        Assert.True(snapshot.TryGetProperty("cost_saved", out _));
        Assert.Equal(1, snapshot.GetProperty("requests").GetInt64());
        Assert.Equal(1, snapshot.GetProperty("misses").GetInt64());
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
