using System.Net;
using FakeUpstream;
using LlmCacheProxy.IntegrationTests.Admin;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmCacheProxy.IntegrationTests.Storage;

/// <summary>
/// A real full disk (a 40 MB tmpfs) under the SQLite file: the writer survives failed commits and failed evictions,
/// resumes as soon as space returns without a restart, its totals stay those of the table, and the log gets one stack
/// trace, not one per failed batch.
/// </summary>
public sealed class FullDiskTests
{
    private const string Entry = "[[words=30000]]"; // about 200 KB stored per answer

    [Fact]
    public async Task DiskFullDuringEviction_WritesResumeOnceSpaceReturns_TotalsMatchTheTable()
    {
        using var mount = TmpfsMount.Create(megabytes: 40);
        string db = Path.Combine(mount.Path, "cache.db");
        await using var upstream = await FakeOpenAiServer.StartAsync();
        await using (var unbounded = await ProxyInstance.StartAsync(upstream.BaseAddress, db, Settings(maxBytes: 0)))
        {
            await StoreAsync(unbounded, "before", 14);
        }

        // Room to open the file, not to write: the first commit fails, and the eviction it triggers (the file is now
        // over its 1 MB cap) fails too.
        mount.Fill(leaveBytes: 512 * 1024);
        await using var proxy = await ProxyInstance.StartAsync(upstream.BaseAddress, db, Settings(maxBytes: 1024 * 1024));
        mount.Fill();
        await StoreAsync(proxy, "while full", 12);
        var writer = proxy.Services.GetRequiredService<SqliteWriter>();
        Assert.True(writer.Failed > 0, "nothing failed: the disk was not full");

        mount.Free();
        int after = 0;
        string? key = null;
        await Poll.AssertEventuallyAsync(async () =>
        {
            using var response = await proxy.Http.SendAsync(ChatRequests.Body($"after {after++} {Entry}"));
            key = response.Header("X-Cache-Key");
            await proxy.FlushAsync();
            return Table(db, key).Keyed == 1;
        }, "a store to reach SQLite again after space returned", TimeSpan.FromSeconds(20));

        await proxy.FlushAsync();
        var (count, bytes, _) = Table(db, key);
        var (_, stats) = await proxy.SendAsync(HttpMethod.Get, "admin/stats");
        var sqlite = stats.GetProperty("tiers").GetProperty("sqlite");
        Assert.Equal(count, sqlite.GetProperty("entries").GetInt64());
        Assert.Equal(bytes, sqlite.GetProperty("bytes").GetInt64());
        Assert.True(bytes <= 1024 * 1024, $"{bytes} entry bytes left over the 1 MB cap: eviction did not resume");
    }

    [Fact]
    public async Task DiskFull_EveryBatchFails_OneStackTraceIsLogged()
    {
        using var mount = TmpfsMount.Create(megabytes: 40);
        await using var upstream = await FakeOpenAiServer.StartAsync();
        await using var proxy = await ProxyInstance.StartAsync(upstream.BaseAddress, Path.Combine(mount.Path, "cache.db"), Settings(maxBytes: 0));
        var capture = new CapturingLoggerProvider();
        proxy.Services.GetRequiredService<ILoggerFactory>().AddProvider(capture);
        mount.Fill();

        await StoreAsync(proxy, "full", 20);

        Assert.True(proxy.Services.GetRequiredService<SqliteWriter>().Failed >= 20, "the stores did not fail: the disk was not full");
        Assert.Single(capture.Lines, line => line.Contains("SqliteException", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> Settings(long maxBytes) => AdminApi.Settings(
        ("Cache:Sqlite:MaxBytes", maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Analytics:RetentionDays", "0"),
        ("Logging:Console:LogLevel:Default", "None"));

    private static async Task StoreAsync(ProxyInstance proxy, string label, int count)
    {
        for (int i = 0; i < count; i++)
        {
            using var response = await proxy.Http.SendAsync(ChatRequests.Body($"{label} {i} {Entry}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await proxy.FlushAsync();
    }

    /// <summary>What the table holds, read on a connection of its own: rows, their sizes, and rows of one key.</summary>
    private static (long Count, long Bytes, long Keyed) Table(string db, string? key)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(sum(size), 0), count(*) FILTER (WHERE key = $key) FROM entries";
        command.Parameters.AddWithValue("$key", key ?? "");
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
