using FakeUpstream;
using LlmCacheProxy.IntegrationTests.Admin;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace LlmCacheProxy.IntegrationTests.Hosting;

/// <summary>The start-up log says how the instance is wired, and carries no secret.</summary>
public sealed class StartupSummaryTests
{
    private const string UpstreamKey = "sk-upstream-secret-9f31c2";
    private const string ClientKey = "client-secret-77ab01";
    private const string AdminToken = "admin-secret-5d20e4";

    [Fact]
    public async Task Startup_Passthrough_LogsAddressUpstreamModeTiersAdminPricesAndMetrics()
    {
        await using var upstream = await FakeOpenAiServer.StartAsync();
        using var dir = new TestDirectory();
        var lines = await StartupLogAsync(new Dictionary<string, string?>
        {
            ["Proxy:Upstream"] = upstream.BaseAddress + "v1",
            ["Cache:Sqlite:Path"] = dir.SqlitePath,
        });
        string upstreamBase = upstream.BaseAddress.ToString();

        Assert.Contains(lines, l => l.StartsWith("[1510] Listening on http://127.0.0.1:", StringComparison.Ordinal));
        AssertLogged(lines, $"[1512] Proxy:Upstream {upstreamBase}v1 ends in /v1; forwarding to {upstreamBase} (requests keep their own /v1/... path)");
        AssertLogged(lines, $"[1511] Upstream {upstreamBase} (Proxy:Upstream)");
        AssertLogged(lines, "[1513] Credentials: passthrough (each client's own Authorization goes upstream; the cache is partitioned per key)");
        AssertLogged(lines, $"[1514] Cache tiers: memory (up to 256 MiB), sqlite at {dir.SqlitePath} (up to 4096 MiB)");
        AssertLogged(lines, "[1515] Admin API: off (no Admin:Token set: /admin answers 403)");
        Assert.Contains(lines, l => l.StartsWith("[1516] Prices: ", StringComparison.Ordinal) && l.Contains("pricing.json, re-read when it changes (checked every 5 s)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[1517] Metrics: Prometheus at http://127.0.0.1:", StringComparison.Ordinal) && l.Contains("/metrics; OTLP export off (OTEL_EXPORTER_OTLP_ENDPOINT unset) ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Startup_ProxyHeldWithAdminToken_SaysSoWithoutAnySecret()
    {
        await using var upstream = await FakeOpenAiServer.StartAsync();
        using var dir = new TestDirectory();
        var lines = await StartupLogAsync(new Dictionary<string, string?>
        {
            ["Proxy:Upstream"] = upstream.BaseAddress.ToString(),
            ["Proxy:UpstreamApiKey"] = UpstreamKey,
            ["Proxy:ClientKeys:0"] = ClientKey,
            ["Admin:Token"] = AdminToken,
            ["Cache:PartitionSecret"] = "partition-secret-0c9d",
            ["Cache:Sqlite:Path"] = dir.SqlitePath,
        });

        AssertLogged(lines, "[1513] Credentials: proxy-held (the proxy sends Proxy:UpstreamApiKey upstream; 1 client key(s) accepted)");
        AssertLogged(lines, "[1515] Admin API: on at /admin (Admin:Token set)");
        Assert.All(lines, l => Assert.DoesNotContain(UpstreamKey, l));
        Assert.All(lines, l => Assert.DoesNotContain(ClientKey, l));
        Assert.All(lines, l => Assert.DoesNotContain(AdminToken, l));
        Assert.All(lines, l => Assert.DoesNotContain("partition-secret-0c9d", l));
    }

    /// <summary>A summary line is "[id] message" then its structured values.</summary>
    private static void AssertLogged(string[] lines, string message) =>
        Assert.Contains(lines, l => l.StartsWith(message + " ", StringComparison.Ordinal));

    /// <summary>Starts the proxy with a log capture in place from the first line, stops it; returns every line it logged.</summary>
    private static async Task<string[]> StartupLogAsync(Dictionary<string, string?> settings)
    {
        var capture = new CapturingLoggerProvider();
        settings["Urls"] = "http://127.0.0.1:0";
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:LlmCacheProxy"] = "Information";
        settings["Logging:Console:LogLevel:Default"] = "None";
        var app = LlmCacheProxyApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.AddProvider(capture);
        });
        await app.StartAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return capture.Lines
            .Select(l => l[(l.IndexOf(' ') + 1)..]) // "[id] message values exception", less the category
            .ToArray();
    }
}
