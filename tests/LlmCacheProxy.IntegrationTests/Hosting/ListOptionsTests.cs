using LlmCacheProxy.Caching;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.Proxy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.IntegrationTests.Hosting;

/// <summary>List and dictionary settings replace their defaults; they are not merged with them.</summary>
public sealed class ListOptionsTests
{
    [Fact]
    public async Task IgnoredParams_OneItemConfigured_IsExactlyThatItem()
    {
        await using var ctx = await ProxyTestContext.StartAsync(new Dictionary<string, string?> { ["Cache:IgnoredParams:0"] = "user" });

        var options = ctx.Proxy.Services.GetRequiredService<IOptions<CacheOptions>>().Value;

        Assert.Equal(["user"], options.IgnoredParams);
    }

    [Fact]
    public async Task IgnoredParams_NotConfigured_KeepsTheDefaults()
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        var options = ctx.Proxy.Services.GetRequiredService<IOptions<CacheOptions>>().Value;

        Assert.Equal(["stream", "stream_options", "user", "metadata", "store"], options.IgnoredParams);
    }

    [Fact]
    public async Task IgnoredParams_ConfiguredEmpty_IgnoresNothing()
    {
        await using var ctx = await ProxyTestContext.StartAsync(new Dictionary<string, string?> { ["Cache:IgnoredParams"] = "" });

        var options = ctx.Proxy.Services.GetRequiredService<IOptions<CacheOptions>>().Value;

        Assert.Empty(options.IgnoredParams);
    }

    [Fact]
    public async Task ModelAliases_Configured_KeepsCaseInsensitiveLookup()
    {
        await using var ctx = await ProxyTestContext.StartAsync(new Dictionary<string, string?> { ["Cache:ModelAliases:GPT-4o-2024-08-06"] = "gpt-4o" });

        var options = ctx.Proxy.Services.GetRequiredService<IOptions<CacheOptions>>().Value;

        Assert.Equal("gpt-4o", Assert.Single(options.ModelAliases).Value);
        Assert.True(options.ModelAliases.ContainsKey("gpt-4o-2024-08-06"));
    }

    [Fact]
    public async Task ClientKeys_Configured_AreExactlyTheConfiguredKeys()
    {
        await using var ctx = await ProxyTestContext.StartAsync(new Dictionary<string, string?>
        {
            ["Proxy:UpstreamApiKey"] = "sk-upstream",
            ["Proxy:ClientKeys:0"] = "team-a",
            ["Proxy:ClientKeys:1"] = "team-b",
        });

        var options = ctx.Proxy.Services.GetRequiredService<IOptions<ProxyOptions>>().Value;

        Assert.Equal(["team-a", "team-b"], options.ClientKeys.Select(k => k.Key));
    }
}
