using System.Text.Json;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Admin;

/// <summary>POST /admin/cache/explain says whether a request is live, and if not, why.</summary>
public sealed class ExplainTests
{
    private static readonly string Body = ChatRequests.Body("explain me", model: "gpt-4o");

    [Fact]
    public async Task Explain_StoredAnswer_IsLiveInBothTiersWithTheHitsKey()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        using var stored = await ctx.Proxy.Http.SendAsync(Body);
        await ctx.Proxy.FlushAsync();

        var json = await ctx.Proxy.ExplainAsync(Body);

        Assert.True(json.GetProperty("live").GetBoolean());
        Assert.Equal("live", json.Str("reason"));
        Assert.Equal(stored.Header("X-Cache-Key"), json.Str("key"));
        Assert.StartsWith("caller:", json.Str("partition"));
        Assert.Equal("gpt-4o", json.GetProperty("canonical").Str("model"));
        Assert.Equal(json.Str("partition"), json.GetProperty("canonical").Str("partition"));
        Assert.All(json.GetProperty("tiers").EnumerateArray(), t => Assert.Equal("live", t.Str("status")));
        // Assert.All passes on an empty list: name the tiers too.
        Assert.Equal(["memory", "sqlite"], json.GetProperty("tiers").EnumerateArray().Select(t => t.Str("tier")));
    }

    [Fact]
    public async Task Explain_UnknownRequest_IsNeverStored()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());

        var json = await ctx.Proxy.ExplainAsync(Body);

        Assert.False(json.GetProperty("live").GetBoolean());
        Assert.Equal("never_stored", json.Str("reason"));
        Assert.Equal(0, ctx.Upstream.TotalCalls);
    }

    [Fact]
    public async Task Explain_AfterInvalidateByModel_NamesTheEpoch()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        (await ctx.Proxy.Http.SendAsync(Body)).Dispose();
        await ctx.Proxy.FlushAsync();
        var (_, invalidated) = await ctx.Proxy.InvalidateAsync(new { model = "gpt-4o" });

        var json = await ctx.Proxy.ExplainAsync(Body);

        Assert.Equal("invalidated", json.Str("reason"));
        var epoch = json.GetProperty("tiers")[0].GetProperty("invalidated_by");
        Assert.Equal("model:gpt-4o", epoch.Str("scope"));
        Assert.Equal(invalidated.GetProperty("epoch").GetProperty("before").GetDateTimeOffset(), epoch.GetProperty("before").GetDateTimeOffset());
    }

    [Fact]
    public async Task Explain_AfterTtl_IsExpired()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        (await ctx.Proxy.ChatAsync(Body, headers: ("X-Cache-TTL", "1"))).Dispose();
        await ctx.Proxy.FlushAsync();

        JsonElement json = default;
        bool expired = await Poll.UntilAsync(async () =>
        {
            json = await ctx.Proxy.ExplainAsync(Body);
            return json.Str("reason") == "expired";
        });

        Assert.True(expired, json.ToString());
        Assert.False(json.GetProperty("live").GetBoolean());
        Assert.Contains(json.GetProperty("tiers").EnumerateArray(), t => t.Str("tier") == "sqlite" && t.Str("status") == "expired");
    }

    [Fact]
    public async Task Explain_OtherCallerOrNamespace_IsADifferentKey()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        (await ctx.Proxy.Http.SendAsync(Body)).Dispose();

        var mine = await ctx.Proxy.ExplainAsync(Body);
        var other = await ctx.Proxy.ExplainAsync(Body, clientKey: "sk-someone-else");
        var ns = await ctx.Proxy.ExplainAsync(Body, ns: "team-a");
        var anonymous = await ctx.Proxy.ExplainAsync(Body, clientKey: null);

        Assert.Equal("live", mine.Str("reason"));
        Assert.Equal("never_stored", other.Str("reason"));
        Assert.NotEqual(mine.Str("partition"), other.Str("partition"));
        Assert.Equal("never_stored", ns.Str("reason"));
        Assert.Equal("team-a", ns.Str("namespace"));
        Assert.Equal("no_credentials", anonymous.Str("reason"));
        Assert.False(anonymous.GetProperty("cacheable").GetBoolean());
    }

    [Fact]
    public async Task Explain_TemperatureAboveMax_IsNotCacheable()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings(("Cache:MaxTemperature", "0.5")));

        var json = await ctx.Proxy.ExplainAsync(ChatRequests.Body("hot", temperature: 0.9));

        Assert.False(json.GetProperty("cacheable").GetBoolean());
        Assert.Equal("temperature_above_max", json.Str("reason"));
    }
}
