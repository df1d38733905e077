using LlmCacheProxy.Caching;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Proxy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Tests.Proxy;

public sealed class CachePolicyTests
{
    private static readonly CacheKey Key = new(new string('a', 64), "gpt-4o", "{}"u8.ToArray(), Stream: false, IncludeUsage: false, Temperature: 0.7, Endpoint: "chat.completions");

    private static CachePolicy Policy(double? maxTemperature = null) =>
        new(Options.Create(new CacheOptions { MaxTemperature = maxTemperature }));

    private static CacheControl Controls(string cacheControl)
    {
        var headers = new HeaderDictionary { ["Cache-Control"] = cacheControl };
        Assert.True(CacheControl.TryParse(headers, out var controls, out _));
        return controls;
    }

    [Fact]
    public void Decide_NoPartition_BypassesAsNoCredentials()
    {
        var decision = Policy().Decide(null, Key, "not_a_chat_request", CacheControl.None);

        Assert.Equal(CacheDecision.NoCredentials, decision.BypassReason);
        Assert.False(decision.Lookup || decision.Store);
    }

    [Fact]
    public void Decide_NoKey_BypassesWithTheModulesReason()
    {
        var decision = Policy().Decide("caller:x", null, "not_a_chat_request", CacheControl.None);

        Assert.Equal("not_a_chat_request", decision.BypassReason);
    }

    [Theory]
    [InlineData(0.5, true)]
    [InlineData(0.7, false)]
    [InlineData(1.0, false)]
    public void Decide_TemperatureAgainstTheMax_BypassesOnlyAbove(double max, bool bypass)
    {
        var decision = Policy(max).Decide("caller:x", Key, "n/a", CacheControl.None);

        Assert.Equal(bypass ? CacheDecision.TemperatureAboveMax : null, decision.BypassReason);
    }

    [Fact]
    public void Decide_NoMaxTemperature_NeverBypassesForTemperature()
    {
        var hot = Key with { Temperature = 2 };

        Assert.False(Policy().Decide("caller:x", hot, "n/a", CacheControl.None).Bypass);
    }

    [Fact]
    public void Decide_PlainRequest_LooksUpStoresAndMayCallUpstream()
    {
        var decision = Policy().Decide("caller:x", Key, "n/a", CacheControl.None);

        Assert.Equal(new CacheDecision(null, Lookup: true, Store: true, MayCallUpstream: true), decision);
    }

    [Theory]
    [InlineData("no-cache", false, true, true)]
    [InlineData("no-store", true, false, true)]
    [InlineData("only-if-cached", true, true, false)]
    [InlineData("no-cache, no-store, only-if-cached", false, false, false)]
    public void Decide_CacheControl_SetsLookupStoreAndUpstream(string header, bool lookup, bool store, bool upstream)
    {
        var decision = Policy().Decide("caller:x", Key, "n/a", Controls(header));

        Assert.Equal((lookup, store, upstream), (decision.Lookup, decision.Store, decision.MayCallUpstream));
    }

    [Fact]
    public void Decide_BypassedRequest_StillHonoursOnlyIfCached()
    {
        var decision = Policy().Decide(null, null, "n/a", Controls("only-if-cached"));

        Assert.True(decision.Bypass);
        Assert.False(decision.MayCallUpstream);
    }
}
