using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.Pricing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.Pricing;

/// <summary>Which price file a proxy reads: the content root's config/pricing.json, else the copy beside the binary.</summary>
public sealed class PriceFileLocationTests
{
    [Fact]
    public async Task PriceFile_StartedFromTheRepository_IsTheRepositorysConfigFile()
    {
        await using var proxy = await StartAsync(RepositoryRoot.Path);

        var prices = proxy.App.Services.GetRequiredService<PriceTable>();

        Assert.Equal(Path.Combine(RepositoryRoot.Path, "config", "pricing.json"), prices.Path);
    }

    [Fact]
    public async Task PriceFile_EditedInTheContentRoot_ReachesTheRunningProxy()
    {
        using var root = new TestDirectory();
        Directory.CreateDirectory(Path.Combine(root.Path, "config"));
        string file = Path.Combine(root.Path, "config", "pricing.json");
        await File.WriteAllTextAsync(file, """{"models": {"probe-model": {"input": 1, "output": 2}}}""");
        await using var proxy = await StartAsync(root.Path, ("Pricing:ReloadCheckSeconds", "0"));
        var prices = proxy.App.Services.GetRequiredService<PriceTable>();
        Assert.True(prices.TryGet("probe-model", out var before));

        await File.WriteAllTextAsync(file, """{"models": {"probe-model": {"input": 3, "output": 4}}}""");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(5)); // a new modification time even on coarse clocks

        Assert.Equal(1m, before.InputPerMillion);
        Assert.True(prices.TryGet("probe-model", out var after));
        Assert.Equal(3m, after.InputPerMillion);
    }

    [Fact]
    public async Task PriceFile_NoneInTheContentRoot_IsTheCopyBesideTheBinary()
    {
        using var root = new TestDirectory();
        await using var proxy = await StartAsync(root.Path);

        var prices = proxy.App.Services.GetRequiredService<PriceTable>();

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "config", "pricing.json"), prices.Path);
        Assert.True(prices.Count > 10, "the shipped price file beside the test binaries");
    }

    private static async Task<Started> StartAsync(string contentRoot, params (string Key, string? Value)[] extra)
    {
        var data = new TestDirectory();
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Cache:Sqlite:Path"] = data.SqlitePath,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var app = LlmCacheProxyApp.Build(["--contentRoot=" + contentRoot], builder => builder.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync();
        return new Started(app, data);
    }

    private sealed class Started(WebApplication app, TestDirectory data) : IAsyncDisposable
    {
        public WebApplication App => app;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Dispose();
        }
    }
}
