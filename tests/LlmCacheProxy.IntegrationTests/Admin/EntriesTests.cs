using System.Net;
using System.Text.Json;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Admin;

/// <summary>GET/DELETE /admin/cache/entries: metadata from the SQLite index, newest first, keyset-paged.</summary>
public sealed class EntriesTests
{
    private static async Task<string[]> StoreAsync(ProxyTestContext ctx, params (string Content, string Model)[] requests)
    {
        var keys = new List<string>();
        foreach (var (content, model) in requests)
        {
            using var response = await ctx.Proxy.Http.SendAsync(ChatRequests.Body(content, model: model));
            keys.Add(response.Header("X-Cache-Key")!);
            await Task.Delay(5); // distinct creation milliseconds, so "newest first" has one right answer
        }

        await ctx.Proxy.FlushAsync();
        return keys.ToArray();
    }

    private static string[] Keys(JsonElement page) =>
        page.GetProperty("entries").EnumerateArray().Select(e => e.Str("key")).ToArray();

    [Fact]
    public async Task ListEntries_PagesNewestFirstWithOpaqueCursor()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        string[] keys = await StoreAsync(ctx, ("one", "gpt-4o"), ("two", "gpt-4o"), ("three", "gpt-4o"));

        var (_, first) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/cache/entries?limit=2");
        string cursor = first.Str("next_cursor");
        var (_, second) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/cache/entries?limit=2&cursor=" + Uri.EscapeDataString(cursor));

        Assert.Equal([keys[2], keys[1]], Keys(first));
        Assert.Equal([keys[0]], Keys(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
        var entry = first.GetProperty("entries")[0];
        Assert.Equal("live", entry.Str("status"));
        Assert.False(entry.TryGetProperty("response", out _));
        Assert.False(entry.TryGetProperty("request", out _));
    }

    [Fact]
    public async Task ListEntries_FiltersByNormalizedModel()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        string[] keys = await StoreAsync(ctx, ("one", "gpt-4o"), ("two", "gpt-4o-mini"));

        var (_, page) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/cache/entries?model=GPT-4o-mini");
        var (_, none) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/cache/entries?namespace=elsewhere");

        Assert.Equal([keys[1]], Keys(page));
        Assert.Empty(Keys(none));
    }

    [Theory]
    [InlineData("admin/cache/entries?limit=0", "limit")]
    [InlineData("admin/cache/entries?limit=abc", "limit")]
    [InlineData("admin/cache/entries?cursor=not-a-cursor", "cursor")]
    [InlineData("admin/cache/entries/not-a-key", "key")]
    public async Task Entries_InvalidQuery_Answers400NamingTheField(string path, string field)
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());

        var (response, json) = await ctx.Proxy.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(json.GetProperty("errors").TryGetProperty(field, out _), json.ToString());
    }

    [Fact]
    public async Task GetEntry_GivesMetadataAndTheWholeEntryWithFull()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        string key = (await StoreAsync(ctx, ("hello", "gpt-4o")))[0];

        var (_, metadata) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/cache/entries/" + key);
        var (_, full) = await ctx.Proxy.SendAsync(HttpMethod.Get, $"admin/cache/entries/{key}?full=true");

        Assert.Equal("gpt-4o", metadata.Str("model"));
        Assert.False(metadata.TryGetProperty("response", out _));
        Assert.Equal(key, full.Str("cache_key"));
        Assert.Equal("echo: hello", full.GetProperty("response").GetProperty("body").GetProperty("choices")[0].GetProperty("message").Str("content"));
    }

    [Fact]
    public async Task DeleteEntry_RemovesItThenAnswers404()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        string key = (await StoreAsync(ctx, ("hello", "gpt-4o")))[0];

        var (deleted, _) = await ctx.Proxy.SendAsync(HttpMethod.Delete, "admin/cache/entries/" + key);
        var (again, _) = await ctx.Proxy.SendAsync(HttpMethod.Delete, "admin/cache/entries/" + key);
        var (get, _) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/cache/entries/" + key);
        using var chat = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("hello", model: "gpt-4o"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("MISS", chat.Header("X-Cache"));
    }
}
