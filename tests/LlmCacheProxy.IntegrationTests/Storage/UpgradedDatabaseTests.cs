using System.Net;
using System.Text.Json;
using FakeUpstream;
using LlmCacheProxy.Caching;
using LlmCacheProxy.IntegrationTests.Admin;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.Storage;

/// <summary>
/// A cache file written by the previous SQLite (Fixtures/README.md says how it was made) opens under the current
/// one: its entries are hits, its epochs hold, and new answers are stored beside the old ones.
/// </summary>
public sealed class UpgradedDatabaseTests
{
    private const string JsonEntryKey = "c410f498efe813365c54612d755e6e11b1c9c2302916c1f5c0e8572221983a67";
    private const string StreamEntryKey = "3b8c455cd5148a4936a0d358e0d1cd2df87a5af1ccdb5c6ab6d4e7d402b52ca0";

    private static Dictionary<string, string?> Settings() =>
        AdminApi.Settings(("Cache:PartitionSecret", "fixture-partition-secret-0123456789"), ("Cache:Memory:Enabled", "false"));

    [Fact]
    public async Task OldSqliteFile_Opened_EntriesAreSqliteHitsAndEpochsHold()
    {
        await using var upstream = await FakeOpenAiServer.StartAsync();
        using var directory = new TestDirectory();
        File.Copy(Path.Combine(RepositoryRoot.Path, "tests/LlmCacheProxy.IntegrationTests/Fixtures/llm-cache-2372d89.db"), directory.SqlitePath);
        await using var proxy = await ProxyInstance.StartAsync(upstream.BaseAddress, directory.SqlitePath, Settings());
        var cache = proxy.Services.GetRequiredService<TieredCache>();

        var json = Assert.NotNull(await cache.GetAsync(JsonEntryKey, null, CancellationToken.None));
        var stream = Assert.NotNull(await cache.GetAsync(StreamEntryKey, null, CancellationToken.None));

        Assert.Equal("sqlite", json.Tier);
        Assert.Equal("gpt-4o-mini", json.Entry.Model);
        Assert.Contains("choices", System.Text.Encoding.UTF8.GetString(json.Entry.Response.Body.Span), StringComparison.Ordinal);
        Assert.True(stream.Entry.Response.IsStream);
        Assert.True(stream.Entry.Tokens.Output > 0, "the stream entry kept its usage");
        var (_, stats) = await proxy.SendAsync(HttpMethod.Get, "admin/stats");
        Assert.True(stats.GetProperty("epochs").TryGetProperty("model:gpt-3.5-turbo", out _), stats.ToString());
        Assert.Equal(0, upstream.TotalCalls);
    }

    [Fact]
    public async Task OldSqliteFile_NewAnswerStored_FileStaysIntact()
    {
        await using var upstream = await FakeOpenAiServer.StartAsync();
        using var directory = new TestDirectory();
        File.Copy(Path.Combine(RepositoryRoot.Path, "tests/LlmCacheProxy.IntegrationTests/Fixtures/llm-cache-2372d89.db"), directory.SqlitePath);
        await using (var proxy = await ProxyInstance.StartAsync(upstream.BaseAddress, directory.SqlitePath, Settings()))
        {
            using var miss = await proxy.Http.SendAsync(ChatRequests.Body("a question after the upgrade"));
            Assert.Equal(HttpStatusCode.OK, miss.StatusCode);
            await proxy.WaitIdleAsync();
            await proxy.FlushAsync();
        }

        await using var check = new SqliteConnection($"Data Source={directory.SqlitePath};Pooling=false");
        await check.OpenAsync();
        await using var integrity = check.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", (string?)await integrity.ExecuteScalarAsync());
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT count(*) FROM entries";
        Assert.Equal(3L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task OldSqliteFile_Opened_UsageRowsKeptAsChatCompletions()
    {
        await using var upstream = await FakeOpenAiServer.StartAsync();
        using var directory = new TestDirectory();
        File.Copy(Path.Combine(RepositoryRoot.Path, "tests/LlmCacheProxy.IntegrationTests/Fixtures/llm-cache-2372d89.db"), directory.SqlitePath);
        await using var proxy = await ProxyInstance.StartAsync(upstream.BaseAddress, directory.SqlitePath, Settings());

        var (_, report) = await proxy.SendAsync(HttpMethod.Get, "admin/analytics?from=2026-12-01&to=2026-12-03&endpoint=chat.completions");

        Assert.Equal(2, report.GetProperty("requests").GetInt64());
        Assert.Equal(2, report.GetProperty("misses").GetInt64());
        var endpoint = Assert.Single(report.GetProperty("by_endpoint").EnumerateArray());
        Assert.Equal("chat.completions", endpoint.GetProperty("endpoint").GetString());
    }
}
