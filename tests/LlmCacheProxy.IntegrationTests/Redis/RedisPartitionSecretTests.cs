using FakeUpstream;
using LlmCacheProxy.IntegrationTests.Admin;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace LlmCacheProxy.IntegrationTests.Redis;

/// <summary>Passthrough instances sharing Redis share entries only with one partition secret: the start says so.</summary>
public sealed class RedisPartitionSecretTests
{
    private const int GeneratedSecretWarning = 1914;

    [Fact]
    public async Task RedisOnWithoutPartitionSecret_WarnsOnceAtStart()
    {
        var lines = await StartupLogAsync(partitionSecret: null);

        Assert.Single(lines, l => l.Contains($"[{GeneratedSecretWarning}]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedisOnWithPartitionSecret_DoesNotWarn()
    {
        var lines = await StartupLogAsync(partitionSecret: "shared-secret-for-the-fleet");

        Assert.DoesNotContain(lines, l => l.Contains($"[{GeneratedSecretWarning}]", StringComparison.Ordinal));
    }

    private static async Task<string[]> StartupLogAsync(string? partitionSecret)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var upstream = await FakeOpenAiServer.StartAsync();
        using var directory = new TestDirectory();
        var settings = redis.ProxySettings(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Proxy:Upstream"] = upstream.BaseAddress.ToString(),
            ["Cache:Sqlite:Path"] = directory.SqlitePath,
            ["Cache:PartitionSecret"] = partitionSecret,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:Console:LogLevel:Default"] = "None",
        });
        var capture = new CapturingLoggerProvider();
        var app = LlmCacheProxyApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.AddProvider(capture);
        });
        await app.StartAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return [.. capture.Lines];
    }
}
