using System.Text;
using System.Text.Json;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Admin;

/// <summary><c>GET /admin/cache/export</c> and <c>POST /admin/cache/import</c> on a running proxy.</summary>
public sealed class ImportEndpointTests
{
    [Fact]
    public async Task ExportClearImport_ThroughTheAdminApi_AnswersAreHitsAndABadLineIsReported()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        using var miss = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("round trip through the admin api"));
        var answer = await miss.Content.ReadAsByteArrayAsync();
        await ctx.Proxy.FlushAsync();
        using var exportRequest = new HttpRequestMessage(HttpMethod.Get, "admin/cache/export");
        exportRequest.Headers.Authorization = new("Bearer", AdminApi.Token);
        using var export = await ctx.Proxy.Http.SendAsync(exportRequest);
        string lines = await export.Content.ReadAsStringAsync();
        (await ctx.Proxy.SendAsync(HttpMethod.Post, "admin/cache/clear")).Response.Dispose();

        using var importRequest = new HttpRequestMessage(HttpMethod.Post, "admin/cache/import")
        {
            Content = new StringContent("not json\n" + lines, Encoding.UTF8, "application/x-ndjson"),
        };
        importRequest.Headers.Authorization = new("Bearer", AdminApi.Token);
        using var import = await ctx.Proxy.Http.SendAsync(importRequest);
        using var result = JsonDocument.Parse(await import.Content.ReadAsStringAsync());
        using var hit = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("round trip through the admin api"));

        Assert.Equal("application/x-ndjson", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, result.RootElement.GetProperty("imported").GetInt64());
        Assert.Equal(1, result.RootElement.GetProperty("failed_count").GetInt64());
        Assert.Equal(1, result.RootElement.GetProperty("failed")[0].GetProperty("line").GetInt32());
        Assert.Equal("HIT", hit.Header("X-Cache"));
        Assert.Equal("sqlite", hit.Header("X-Cache-Tier"));
        Assert.Equal(answer, await hit.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task Import_WithAnotherCallersKey_RebuildsTheKeysForThatCaller()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        (await ctx.Proxy.Http.SendAsync(ChatRequests.Body("moved to caller b"))).Dispose();
        await ctx.Proxy.FlushAsync();
        using var exportRequest = new HttpRequestMessage(HttpMethod.Get, "admin/cache/export");
        exportRequest.Headers.Authorization = new("Bearer", AdminApi.Token);
        using var export = await ctx.Proxy.Http.SendAsync(exportRequest);

        using var importRequest = new HttpRequestMessage(HttpMethod.Post, "admin/cache/import")
        {
            Content = new StringContent(await export.Content.ReadAsStringAsync(), Encoding.UTF8, "application/x-ndjson"),
        };
        importRequest.Headers.Authorization = new("Bearer", AdminApi.Token);
        importRequest.Headers.TryAddWithoutValidation("X-Client-Authorization", "Bearer sk-test-caller-b");
        (await ctx.Proxy.Http.SendAsync(importRequest)).Dispose();
        using var callerB = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("moved to caller b"), apiKey: "sk-test-caller-b");

        Assert.Equal("HIT", callerB.Header("X-Cache"));
        Assert.Equal(1, ctx.Upstream.ChatCalls);
    }
}
