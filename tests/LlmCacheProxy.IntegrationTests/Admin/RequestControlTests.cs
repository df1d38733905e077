using System.Net;
using System.Text.Json;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LlmCacheProxy.IntegrationTests.Admin;

/// <summary>Cache-Control, X-Cache-TTL and X-Cache-Namespace on chat requests.</summary>
public sealed class RequestControlTests
{
    private static readonly string Body = ChatRequests.Body("controlled", model: "gpt-4o");

    [Fact]
    public async Task NoCache_SkipsLookupAndStoresTheFreshAnswer()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        (await ctx.Proxy.Http.SendAsync(Body)).Dispose();

        using var refreshed = await ctx.Proxy.ChatAsync(Body, headers: ("Cache-Control", "no-cache"));
        using var next = await ctx.Proxy.Http.SendAsync(Body);

        Assert.Equal("MISS", refreshed.Header("X-Cache"));
        Assert.Equal("HIT", next.Header("X-Cache"));
        Assert.Equal(await refreshed.Content.ReadAsStringAsync(), await next.Content.ReadAsStringAsync());
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task NoStore_AnswersButDoesNotStore()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());

        using var first = await ctx.Proxy.ChatAsync(Body, headers: ("Cache-Control", "no-store"));
        using var second = await ctx.Proxy.Http.SendAsync(Body);
        await ctx.Proxy.FlushAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("MISS", second.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task MaxAge_ServesOnlyEntriesYoungerThanN()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings(), clock);
        (await ctx.Proxy.Http.SendAsync(Body)).Dispose();
        clock.Advance(TimeSpan.FromSeconds(2)); // the entry must be older than max-age=1

        using var young = await ctx.Proxy.ChatAsync(Body, headers: ("Cache-Control", "max-age=3600"));
        using var old = await ctx.Proxy.ChatAsync(Body, headers: ("Cache-Control", "max-age=1"));

        Assert.Equal("HIT", young.Header("X-Cache"));
        Assert.Equal("MISS", old.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task OnlyIfCached_Cold_Answers504AndNeverCallsUpstream()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());

        using var cold = await ctx.Proxy.ChatAsync(Body, headers: ("Cache-Control", "only-if-cached"));
        using var anonymous = await ctx.Proxy.ChatAsync(Body, apiKey: null, headers: ("Cache-Control", "only-if-cached"));
        using var doc = JsonDocument.Parse(await cold.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.GatewayTimeout, cold.StatusCode);
        Assert.Equal(HttpStatusCode.GatewayTimeout, anonymous.StatusCode);
        Assert.Equal("only_if_cached", doc.RootElement.GetProperty("error").Str("code"));
        Assert.Equal(0, ctx.Upstream.TotalCalls);
    }

    [Fact]
    public async Task OnlyIfCached_Warm_IsHit()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        (await ctx.Proxy.Http.SendAsync(Body)).Dispose();

        using var warm = await ctx.Proxy.ChatAsync(Body, headers: ("Cache-Control", "only-if-cached"));

        Assert.Equal("HIT", warm.Header("X-Cache"));
        Assert.Equal(1, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task XCacheTtl_SetsTheStoredEntrysExpiry()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        using var stored = await ctx.Proxy.ChatAsync(Body, headers: ("X-Cache-TTL", "120"));
        await ctx.Proxy.FlushAsync();

        var (_, entry) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/cache/entries/" + stored.Header("X-Cache-Key"));

        var ttl = entry.GetProperty("expires_at").GetDateTimeOffset() - entry.GetProperty("created_at").GetDateTimeOffset();
        Assert.InRange(ttl.TotalSeconds, 119, 121);
    }

    [Fact]
    public async Task XCacheNamespace_SeparatesCachesAndIsRecordedOnTheEntry()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());

        using var a = await ctx.Proxy.ChatAsync(Body, headers: ("X-Cache-Namespace", "team-a"));
        using var b = await ctx.Proxy.ChatAsync(Body, headers: ("X-Cache-Namespace", "team-b"));
        using var plain = await ctx.Proxy.Http.SendAsync(Body);
        using var againA = await ctx.Proxy.ChatAsync(Body, headers: ("X-Cache-Namespace", "team-a"));
        await ctx.Proxy.FlushAsync();
        var (_, listed) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/cache/entries?namespace=team-a");

        Assert.Equal(["MISS", "MISS", "MISS", "HIT"], new[] { a, b, plain, againA }.Select(r => r.Header("X-Cache")));
        Assert.Equal(a.Header("X-Cache-Key"), listed.GetProperty("entries")[0].Str("key"));
        Assert.Equal("team-a", listed.GetProperty("entries")[0].Str("namespace"));
    }

    [Theory]
    [InlineData("Cache-Control", "max-age=abc")]
    [InlineData("Cache-Control", "max-age=-1")]
    [InlineData("Cache-Control", "max-age")]
    [InlineData("Cache-Control", "no-store=1")]
    [InlineData("X-Cache-TTL", "-5")]
    [InlineData("X-Cache-TTL", "ten")]
    [InlineData("X-Cache-Namespace", "has space")]
    [InlineData("X-Cache-Namespace", "a/b")]
    [InlineData("X-Cache-Namespace", "")]
    public async Task MalformedControl_Answers400InOpenAiShapeWithoutCallingUpstream(string header, string value)
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());

        using var response = await ctx.Proxy.ChatAsync(Body, headers: (header, value));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = doc.RootElement.GetProperty("error");
        Assert.Contains(header, error.Str("message"));
        Assert.Equal("invalid_request_error", error.Str("type"));
        Assert.Equal(0, ctx.Upstream.TotalCalls);
    }

    [Fact]
    public async Task MalformedNamespace_LongerThan64_Answers400()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());

        using var response = await ctx.Proxy.ChatAsync(Body, headers: ("X-Cache-Namespace", new string('n', 65)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, ctx.Upstream.TotalCalls);
    }

    [Fact]
    public async Task TemperatureAboveMax_IsForwardedAsBypassAndNotStored()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings(("Cache:MaxTemperature", "0.5")));
        string hot = ChatRequests.Body("hot", temperature: 0.9);
        string cool = ChatRequests.Body("cool", temperature: 0.5);

        using var first = await ctx.Proxy.Http.SendAsync(hot);
        using var second = await ctx.Proxy.Http.SendAsync(hot);
        (await ctx.Proxy.Http.SendAsync(cool)).Dispose();
        using var coolAgain = await ctx.Proxy.Http.SendAsync(cool);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("BYPASS", first.Header("X-Cache"));
        Assert.Equal("BYPASS", second.Header("X-Cache"));
        Assert.Equal("HIT", coolAgain.Header("X-Cache"));
        Assert.Equal(3, ctx.Upstream.ChatCalls);
    }
}
