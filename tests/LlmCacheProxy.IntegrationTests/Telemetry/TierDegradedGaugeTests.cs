using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Telemetry;

/// <summary><c>llmcache_tier_degraded{tier}</c> follows what /readyz reports, so alerts can page on it.</summary>
public sealed class TierDegradedGaugeTests
{
    [Fact]
    public async Task Metrics_S3Unreachable_S3DegradedIsOneAndSqliteZero()
    {
        int closed = ClosedPort();
        await using var ctx = await ProxyTestContext.StartAsync(new Dictionary<string, string?>
        {
            ["Cache:S3:Enabled"] = "true",
            ["Cache:S3:ServiceUrl"] = $"http://127.0.0.1:{closed}",
            ["Cache:S3:Bucket"] = "nobody-home",
            ["Cache:S3:ForcePathStyle"] = "true",
            ["Cache:S3:AccessKey"] = "unused",
            ["Cache:S3:SecretKey"] = "unused",
        });
        using var miss = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("degraded gauge"));
        Assert.Equal(HttpStatusCode.OK, miss.StatusCode);

        string text = "";
        bool degraded = await Poll.UntilAsync(async () =>
        {
            text = await ctx.Proxy.Http.GetStringAsync("metrics");
            return Regex.IsMatch(text, @"llmcache_tier_degraded\{[^}]*tier=""s3""[^}]*\} 1\b");
        });

        Assert.True(degraded, text);
        Assert.Matches(@"llmcache_tier_degraded\{[^}]*tier=""sqlite""[^}]*\} 0\b", text);
        Assert.Contains("\"s3\":\"degraded\"", await ctx.Proxy.Http.GetStringAsync("readyz"));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
