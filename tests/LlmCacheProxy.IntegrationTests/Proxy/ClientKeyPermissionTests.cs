using System.Net;
using System.Text.Json;
using LlmCacheProxy.IntegrationTests.Admin;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.Proxy;

/// <summary>Proxy-held mode: any client key reads shared entries; only a granted one refreshes, re-times or skips them.</summary>
public sealed class ClientKeyPermissionTests
{
    private const string ReadOnlyKey = "pk-read-only-4c1a";
    private const string RefreshKey = "pk-refresher-77e0";

    private static Dictionary<string, string?> ProxyHeld(params (string Key, string? Value)[] extra) => AdminApi.Settings(
    [
        ("Proxy:UpstreamApiKey", "sk-upstream-held-0d9b"),
        ("Proxy:ClientKeys:0", ReadOnlyKey),
        ("Proxy:ClientKeys:1:Key", RefreshKey),
        ("Proxy:ClientKeys:1:Name", "nightly-refresh"),
        ("Proxy:ClientKeys:1:AllowedCacheControls:0", "no-cache"),
        .. extra,
    ]);

    [Theory]
    [InlineData("Cache-Control", "no-cache", "Cache-Control: no-cache")]
    [InlineData("Cache-Control", "no-store", "Cache-Control: no-store")]
    [InlineData("X-Cache-TTL", "60", "X-Cache-TTL")]
    public async Task ReadOnlyKey_WriteControl_Answers403NamingItWithoutCallingUpstream(string header, string value, string named)
    {
        await using var ctx = await ProxyTestContext.StartAsync(ProxyHeld());

        using var response = await ctx.Proxy.ChatAsync(ChatRequests.Body("may I write"), ReadOnlyKey, (header, value));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("cache_control_not_allowed", doc.RootElement.GetProperty("error").Str("code"));
        Assert.Contains(named, doc.RootElement.GetProperty("error").Str("message"), StringComparison.Ordinal);
        Assert.Equal(0, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task GrantedKey_NoCache_RefreshesTheEntryEveryClientReads()
    {
        await using var ctx = await ProxyTestContext.StartAsync(ProxyHeld());
        string body = ChatRequests.Body("refresh me");

        using var first = await ctx.Proxy.ChatAsync(body, ReadOnlyKey);
        using var refresh = await ctx.Proxy.ChatAsync(body, RefreshKey, ("Cache-Control", "no-cache"));
        await ctx.Proxy.FlushAsync();
        using var read = await ctx.Proxy.ChatAsync(body, ReadOnlyKey);

        Assert.Equal("MISS", refresh.Header("X-Cache"));
        Assert.Equal("HIT", read.Header("X-Cache"));
        Assert.Equal(await refresh.Content.ReadAsStringAsync(), await read.Content.ReadAsStringAsync());
        Assert.NotEqual(await first.Content.ReadAsStringAsync(), await read.Content.ReadAsStringAsync());
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task Explain_ReadOnlyKeyWithNoCache_SaysTheControlIsNotAllowed()
    {
        await using var ctx = await ProxyTestContext.StartAsync(ProxyHeld());

        var (response, json) = await ctx.Proxy.SendAsync(HttpMethod.Post, "admin/cache/explain", ChatRequests.Body("explain me"),
            headers: new Dictionary<string, string> { ["X-Client-Authorization"] = "Bearer " + ReadOnlyKey, ["Cache-Control"] = "no-cache" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cache_control_not_allowed", json.Str("reason"));
    }

    [Fact]
    public async Task TtlOverCacheMaxTtlSeconds_IsCutToItAndTheAnswerSaysSo()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings(("Cache:MaxTtlSeconds", "600")));
        var before = DateTimeOffset.UtcNow;

        using var response = await ctx.Proxy.ChatAsync(ChatRequests.Body("forever please"), ChatRequests.DefaultKey, ("X-Cache-TTL", "0"));
        await ctx.Proxy.FlushAsync();
        var stored = ctx.Proxy.Services.GetRequiredService<EntryStore>().Get(response.Header("X-Cache-Key")!);

        Assert.Equal("600", response.Header("X-Cache-TTL-Capped"));
        Assert.NotNull(stored?.ExpiresAt);
        Assert.InRange(stored!.ExpiresAt!.Value, before.AddSeconds(599), DateTimeOffset.UtcNow.AddSeconds(601));
    }
}
