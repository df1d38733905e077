using System.Net;
using System.Text.Json;
using LlmCacheProxy.Caching;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.Admin;

/// <summary>POST /admin/cache/invalidate: epochs by model, namespace and age; direct deletes by key and pattern.</summary>
public sealed class InvalidateTests
{
    private static readonly string MiniBody = ChatRequests.Body("mini question", model: "gpt-4o-mini");
    private static readonly string OtherBody = ChatRequests.Body("other question", model: "gpt-4o");

    private static async Task StoreBothAsync(ProxyTestContext ctx)
    {
        (await ctx.Proxy.Http.SendAsync(MiniBody)).Dispose();
        (await ctx.Proxy.Http.SendAsync(OtherBody)).Dispose();
        await ctx.Proxy.FlushAsync();
    }

    private static string[] TierStatuses(JsonElement explain) =>
        explain.GetProperty("tiers").EnumerateArray().Select(t => t.Str("tier") + ":" + t.Str("status")).ToArray();

    [Fact]
    public async Task InvalidateByModel_KillsThatModelInMemoryAndSqlite_NotOtherModels()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        await StoreBothAsync(ctx);

        // Spelled as a client might: the same trim/lowercase as the key builder applies.
        var (response, json) = await ctx.Proxy.InvalidateAsync(new { model = "  GPT-4o-Mini " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, json.GetProperty("dead").GetInt64());
        Assert.Equal("model:gpt-4o-mini", json.GetProperty("epoch").Str("scope"));
        Assert.Equal(["memory:invalidated", "sqlite:invalidated"], TierStatuses(await ctx.Proxy.ExplainAsync(MiniBody)));
        Assert.Equal(["memory:live", "sqlite:live"], TierStatuses(await ctx.Proxy.ExplainAsync(OtherBody)));
        using var mini = await ctx.Proxy.Http.SendAsync(MiniBody);
        using var other = await ctx.Proxy.Http.SendAsync(OtherBody);
        Assert.Equal("MISS", mini.Header("X-Cache"));
        Assert.Equal("HIT", other.Header("X-Cache"));
        Assert.Equal(3, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task InvalidateByModel_NewAnswerAfterwards_IsStoredAndServedAlsoAfterRestart()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        await StoreBothAsync(ctx);
        await ctx.Proxy.InvalidateAsync(new { model = "gpt-4o-mini" });

        using var fresh = await ctx.Proxy.Http.SendAsync(MiniBody);
        string freshBody = await fresh.Content.ReadAsStringAsync();
        using var again = await ctx.Proxy.Http.SendAsync(MiniBody);
        await ctx.RestartProxyAsync(ProxyTestContext.WithoutWarmup(AdminApi.Settings()));
        using var afterRestart = await ctx.Proxy.Http.SendAsync(MiniBody);

        Assert.Equal("MISS", fresh.Header("X-Cache"));
        Assert.Equal("HIT", again.Header("X-Cache"));
        Assert.Equal(freshBody, await again.Content.ReadAsStringAsync());
        // The epoch was persisted: the restarted instance serves the new answer, not the invalidated one.
        Assert.Equal("HIT", afterRestart.Header("X-Cache"));
        Assert.Equal("sqlite", afterRestart.Header("X-Cache-Tier"));
        Assert.Equal(freshBody, await afterRestart.Content.ReadAsStringAsync());
        Assert.Equal(3, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task InvalidateDryRun_CountsButChangesNothing()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        await StoreBothAsync(ctx);

        var (_, json) = await ctx.Proxy.InvalidateAsync(new { model = "gpt-4o-mini", dry_run = true });
        var (_, byPattern) = await ctx.Proxy.InvalidateAsync(new { pattern = "gpt-4o*", dry_run = true });
        using var mini = await ctx.Proxy.Http.SendAsync(MiniBody);

        Assert.True(json.GetProperty("dry_run").GetBoolean());
        Assert.Equal(1, json.GetProperty("dead").GetInt64());
        Assert.Equal(2, byPattern.GetProperty("dead").GetInt64());
        Assert.Equal("HIT", mini.Header("X-Cache"));
        Assert.Empty(ctx.Proxy.Services.GetRequiredService<InvalidationEpochs>().Snapshot);
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task InvalidateByNamespace_KillsOnlyThatNamespace()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        (await ctx.Proxy.ChatAsync(MiniBody, headers: ("X-Cache-Namespace", "team-a"))).Dispose();
        (await ctx.Proxy.ChatAsync(MiniBody, headers: ("X-Cache-Namespace", "team-b"))).Dispose();
        await ctx.Proxy.FlushAsync();

        var (_, json) = await ctx.Proxy.InvalidateAsync(new { @namespace = "team-a" });
        using var a = await ctx.Proxy.ChatAsync(MiniBody, headers: ("X-Cache-Namespace", "team-a"));
        using var b = await ctx.Proxy.ChatAsync(MiniBody, headers: ("X-Cache-Namespace", "team-b"));

        Assert.Equal("ns:team-a", json.GetProperty("epoch").Str("scope"));
        Assert.Equal(1, json.GetProperty("dead").GetInt64());
        Assert.Equal("MISS", a.Header("X-Cache"));
        Assert.Equal("HIT", b.Header("X-Cache"));
    }

    [Fact]
    public async Task InvalidateOlderThan_KillsOnlyEntriesCreatedBefore()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        (await ctx.Proxy.Http.SendAsync(MiniBody)).Dispose();
        await ctx.Proxy.FlushAsync();
        var (_, listed) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/cache/entries");
        var firstCreated = listed.GetProperty("entries")[0].GetProperty("created_at").GetDateTimeOffset();
        await Task.Delay(50); // only so the second entry's creation time differs by more than a millisecond
        (await ctx.Proxy.Http.SendAsync(OtherBody)).Dispose();

        var (_, json) = await ctx.Proxy.InvalidateAsync(new { older_than = firstCreated.ToString("o") });
        using var mini = await ctx.Proxy.Http.SendAsync(MiniBody);
        using var other = await ctx.Proxy.Http.SendAsync(OtherBody);

        Assert.Equal("*", json.GetProperty("epoch").Str("scope"));
        Assert.Equal(1, json.GetProperty("dead").GetInt64());
        Assert.Equal("MISS", mini.Header("X-Cache"));
        Assert.Equal("HIT", other.Header("X-Cache"));
    }

    [Fact]
    public async Task InvalidateByKey_RemovesItFromEveryTier()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        using var stored = await ctx.Proxy.Http.SendAsync(MiniBody);
        await ctx.Proxy.FlushAsync();

        var (_, json) = await ctx.Proxy.InvalidateAsync(new { key = stored.Header("X-Cache-Key") });
        var explain = await ctx.Proxy.ExplainAsync(MiniBody);

        Assert.Equal(1, json.GetProperty("dead").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("epoch").ValueKind);
        Assert.Equal("never_stored", explain.Str("reason"));
        Assert.Equal(["memory:absent", "sqlite:absent"], TierStatuses(explain));
    }

    [Fact]
    public async Task InvalidateByPattern_DeletesMatchingModelsOnly()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        await StoreBothAsync(ctx);

        var (_, json) = await ctx.Proxy.InvalidateAsync(new { pattern = "*-mini" });

        Assert.Equal(1, json.GetProperty("dead").GetInt64());
        Assert.Equal(["memory:absent", "sqlite:absent"], TierStatuses(await ctx.Proxy.ExplainAsync(MiniBody)));
        Assert.Equal(["memory:live", "sqlite:live"], TierStatuses(await ctx.Proxy.ExplainAsync(OtherBody)));
    }

    [Fact]
    public async Task Clear_KillsEverythingEmptiesMemoryAndDeletesSqliteRows()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());
        await StoreBothAsync(ctx);

        var (_, json) = await ctx.Proxy.SendAsync(HttpMethod.Post, "admin/cache/clear");
        using var mini = await ctx.Proxy.Http.SendAsync(MiniBody);

        Assert.Equal(2, json.GetProperty("dead").GetInt64());
        Assert.Equal("*", json.GetProperty("epoch").Str("scope"));
        Assert.Equal("MISS", mini.Header("X-Cache"));
        Assert.True(await Poll.UntilAsync(async () =>
        {
            var (_, stats) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/stats");
            // Only the answer stored after the clear is left.
            return stats.GetProperty("tiers").GetProperty("sqlite").GetProperty("entries").GetInt64() == 1;
        }));
        // The epoch alone would turn the old answers into misses; the memory tier must also have let them go.
        var (_, after) = await ctx.Proxy.SendAsync(HttpMethod.Get, "admin/stats");
        Assert.Equal(1, after.GetProperty("tiers").GetProperty("memory").GetProperty("entries").GetInt64());
    }

    [Theory]
    [InlineData("{}", "model")]
    [InlineData("{\"model\":\"gpt-4o\",\"namespace\":\"a\"}", "namespace")]
    [InlineData("{\"older_than\":\"yesterday\"}", "older_than")]
    [InlineData("{\"older_than\":\"2999-01-01T00:00:00Z\"}", "older_than")]
    [InlineData("{\"key\":\"abc\"}", "key")]
    [InlineData("{\"key\":\"abc\",\"model\":\"gpt-4o\"}", "key")]
    [InlineData("{\"namespace\":\"has space\"}", "namespace")]
    [InlineData("{\"olderthan\":\"2020-01-01\"}", "olderthan")]
    [InlineData("{\"dry_run\":\"yes\",\"model\":\"m\"}", "dry_run")]
    public async Task Invalidate_InvalidBody_Answers400ProblemNamingTheField(string body, string field)
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings());

        var (response, json) = await ctx.Proxy.SendAsync(HttpMethod.Post, "admin/cache/invalidate", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(json.GetProperty("errors").TryGetProperty(field, out _), json.ToString());
        Assert.Empty(ctx.Proxy.Services.GetRequiredService<InvalidationEpochs>().Snapshot);
    }
}
