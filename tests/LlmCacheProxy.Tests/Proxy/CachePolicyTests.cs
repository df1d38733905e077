using LlmCacheProxy.Caching;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Proxy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Tests.Proxy;

public sealed class CachePolicyTests
{
    private static readonly CacheKey Key = new(new string('a', 64), "gpt-4o", "{}"u8.ToArray(), Stream: false, IncludeUsage: false, Temperature: 0.7, Endpoint: "chat.completions");

    private static CachePolicy Policy(double? maxTemperature = null, long maxTtlSeconds = 3600) =>
        new(Options.Create(new CacheOptions { MaxTemperature = maxTemperature, MaxTtlSeconds = maxTtlSeconds }));

    private static CacheControl Controls(string cacheControl, string? ttl = null)
    {
        var headers = new HeaderDictionary { ["Cache-Control"] = cacheControl };
        if (ttl is not null)
        {
            headers["X-Cache-TTL"] = ttl;
        }

        Assert.True(CacheControl.TryParse(headers, out var controls, out _));
        return controls;
    }

    [Fact]
    public void Decide_NoPartition_BypassesAsNoCredentials()
    {
        var decision = Policy().Decide(null, Key, "not_a_chat_request", CacheControl.None, CacheWriteGrants.All);

        Assert.Equal(CacheDecision.NoCredentials, decision.BypassReason);
        Assert.False(decision.Lookup || decision.Store);
    }

    [Fact]
    public void Decide_NoKey_BypassesWithTheModulesReason()
    {
        var decision = Policy().Decide("caller:x", null, "not_a_chat_request", CacheControl.None, CacheWriteGrants.All);

        Assert.Equal("not_a_chat_request", decision.BypassReason);
    }

    [Theory]
    [InlineData(0.5, true)]
    [InlineData(0.7, false)]
    [InlineData(1.0, false)]
    public void Decide_TemperatureAgainstTheMax_BypassesOnlyAbove(double max, bool bypass)
    {
        var decision = Policy(max).Decide("caller:x", Key, "n/a", CacheControl.None, CacheWriteGrants.All);

        Assert.Equal(bypass ? CacheDecision.TemperatureAboveMax : null, decision.BypassReason);
    }

    [Fact]
    public void Decide_NoMaxTemperature_NeverBypassesForTemperature()
    {
        var hot = Key with { Temperature = 2 };

        Assert.False(Policy().Decide("caller:x", hot, "n/a", CacheControl.None, CacheWriteGrants.All).Bypass);
    }

    [Fact]
    public void Decide_PlainRequest_LooksUpStoresAndMayCallUpstream()
    {
        var decision = Policy().Decide("caller:x", Key, "n/a", CacheControl.None, CacheWriteGrants.All);

        Assert.Equal(new CacheDecision(null, Lookup: true, Store: true, MayCallUpstream: true), decision);
    }

    [Theory]
    [InlineData("no-cache", false, true, true)]
    [InlineData("no-store", true, false, true)]
    [InlineData("only-if-cached", true, true, false)]
    [InlineData("no-cache, no-store, only-if-cached", false, false, false)]
    public void Decide_CacheControl_SetsLookupStoreAndUpstream(string header, bool lookup, bool store, bool upstream)
    {
        var decision = Policy().Decide("caller:x", Key, "n/a", Controls(header), CacheWriteGrants.All);

        Assert.Equal((lookup, store, upstream), (decision.Lookup, decision.Store, decision.MayCallUpstream));
    }

    [Fact]
    public void Decide_BypassedRequest_StillHonoursOnlyIfCached()
    {
        var decision = Policy().Decide(null, null, "n/a", Controls("only-if-cached"), CacheWriteGrants.All);

        Assert.True(decision.Bypass);
        Assert.False(decision.MayCallUpstream);
    }

    [Theory]
    [InlineData("no-cache", null, "Cache-Control: no-cache")]
    [InlineData("no-store", null, "Cache-Control: no-store")]
    [InlineData("", "60", "X-Cache-TTL")]
    public void Decide_WriteControlNotGranted_IsForbiddenNamingTheControl(string cacheControl, string? ttl, string named)
    {
        var decision = Policy().Decide("shared", Key, "n/a", Controls(cacheControl, ttl), CacheWriteGrants.None);

        Assert.Equal(CacheDecision.CacheControlNotAllowed, decision.BypassReason);
        Assert.Equal(named, decision.Forbidden);
        Assert.False(decision.MayCallUpstream);
    }

    [Fact]
    public void Decide_WriteControlGranted_IsHonoured()
    {
        var decision = Policy().Decide("shared", Key, "n/a", Controls("no-cache"), CacheWriteGrants.NoCache);

        Assert.Null(decision.Forbidden);
        Assert.False(decision.Lookup);
        Assert.True(decision.Store);
    }

    [Fact]
    public void Decide_ReadOnlyCallerWithoutWriteControls_LooksUpAndStores()
    {
        var decision = Policy().Decide("shared", Key, "n/a", Controls("max-age=60, only-if-cached"), CacheWriteGrants.None);

        Assert.Null(decision.BypassReason);
        Assert.True(decision.Lookup && decision.Store);
    }

    [Theory]
    [InlineData("60", 60, false)]
    [InlineData("3600", 3600, false)]
    [InlineData("3601", 3600, true)]
    [InlineData("0", 3600, true)]
    public void Decide_AskedTtl_IsCutToCacheMaxTtlSeconds(string asked, long seconds, bool capped)
    {
        var decision = Policy(maxTtlSeconds: 3600).Decide("caller:x", Key, "n/a", Controls("", asked), CacheWriteGrants.All);

        Assert.Equal(TimeSpan.FromSeconds(seconds), decision.Ttl);
        Assert.Equal(capped, decision.TtlCapped);
    }

    [Fact]
    public void Decide_MaxTtlZero_LeavesAskedTtlsAlone()
    {
        var decision = Policy(maxTtlSeconds: 0).Decide("caller:x", Key, "n/a", Controls("", "0"), CacheWriteGrants.All);

        Assert.Equal(TimeSpan.Zero, decision.Ttl);
        Assert.False(decision.TtlCapped);
    }
}
