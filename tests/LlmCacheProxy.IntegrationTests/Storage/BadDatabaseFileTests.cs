using System.Net;
using System.Text.Json;
using FakeUpstream;
using LlmCacheProxy.IntegrationTests.Admin;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmCacheProxy.IntegrationTests.Storage;

/// <summary>
/// The SQLite file is an accelerator: whatever is at its path, the proxy (the real binary) starts and answers. A file
/// that is not a database is moved aside and replaced; where no file can be made, SQLite is off and /readyz degraded.
/// Either way one error line names the path.
/// </summary>
public sealed class BadDatabaseFileTests
{
    private static readonly string Fixture = Path.Combine(RepositoryRoot.Path, "tests/LlmCacheProxy.IntegrationTests/Fixtures/llm-cache-2372d89.db");

    public static TheoryData<string> BrokenFiles => ["garbage", "header-only", "corrupt-schema", "empty-pages"];

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task BrokenFile_IsMovedAsideAndAFreshOneStoresAnswers(string kind)
    {
        await using var upstream = await FakeOpenAiServer.StartAsync();
        using var directory = new TestDirectory();
        string db = directory.SqlitePath;
        await File.WriteAllBytesAsync(db, Broken(kind));

        await using var proxy = await ProxyProcess.StartAsync(upstream.BaseAddress, db);
        using var miss = await proxy.Http.SendAsync(ChatRequests.Body("after a bad file"));

        Assert.Equal(HttpStatusCode.OK, miss.StatusCode);
        Assert.Single(Directory.GetFiles(directory.Path, "cache.db.corrupt-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal));
        await Poll.AssertEventuallyAsync(() => CountEntries(db) == 1, "the answer to be stored in the fresh file:\n" + proxy.Output);
        AssertOneErrorNaming(proxy.Output, db);
    }

    [Fact]
    public async Task DirectoryAtThePath_StartsWithSqliteOffAndReadyzDegraded()
    {
        using var directory = new TestDirectory();
        Directory.CreateDirectory(directory.SqlitePath);

        await AssertStartsWithSqliteOffAsync(directory.SqlitePath);
    }

    [Fact]
    public async Task ReadOnlyFolder_StartsWithSqliteOffAndReadyzDegraded()
    {
        using var mount = TmpfsMount.Create(megabytes: 1, readOnly: true);

        await AssertStartsWithSqliteOffAsync(Path.Combine(mount.Path, "cache.db"));
    }

    [Fact]
    public async Task FullDiskForANewFile_StartsWithSqliteOffAndReadyzDegraded()
    {
        using var mount = TmpfsMount.Create(megabytes: 1);
        mount.Fill();

        await AssertStartsWithSqliteOffAsync(Path.Combine(mount.Path, "cache.db"));
    }

    [Fact]
    public async Task FileDeletedWhileRunning_IsNoticedOnceAndMadeAfresh()
    {
        var capture = new CapturingLoggerProvider();
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings(("Logging:Console:LogLevel:Default", "Error")));
        ctx.Proxy.Services.GetRequiredService<ILoggerFactory>().AddProvider(capture);
        string db = ctx.Directory.SqlitePath;
        (await ctx.Proxy.Http.SendAsync(ChatRequests.Body("before the delete"))).Dispose();
        await ctx.Proxy.FlushAsync();

        foreach (string file in new[] { db, db + "-wal", db + "-shm" })
        {
            File.Delete(file);
        }

        await Poll.AssertEventuallyAsync(() => File.Exists(db), "the SQLite file to be made afresh");
        (await ctx.Proxy.Http.SendAsync(ChatRequests.Body("after the delete"))).Dispose();
        await ctx.Proxy.FlushAsync();

        Assert.Equal(1, CountEntries(db));
        Assert.Single(capture.Lines, line => line.Contains("[1706]", StringComparison.Ordinal));
    }

    private static async Task AssertStartsWithSqliteOffAsync(string db)
    {
        await using var upstream = await FakeOpenAiServer.StartAsync();
        await using var proxy = await ProxyProcess.StartAsync(upstream.BaseAddress, db, new Dictionary<string, string> { ["Analytics__FlushIntervalMs"] = "100" });

        using var miss = await proxy.Http.SendAsync(ChatRequests.Body("no sqlite"));
        using var hit = await proxy.Http.SendAsync(ChatRequests.Body("no sqlite"));
        JsonElement ready = default;
        await Poll.AssertEventuallyAsync(async () =>
        {
            using var response = await proxy.Http.GetAsync("readyz");
            ready = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            return response.StatusCode == HttpStatusCode.OK &&
                ready.GetProperty("entries").GetProperty("sqlite").GetProperty("data").GetProperty("discarded_writes").GetString() != "0";
        }, "/readyz to count the dropped usage writes:\n" + proxy.Output);

        Assert.Equal("MISS", miss.Header("X-Cache"));
        Assert.Equal("HIT", hit.Header("X-Cache"));
        Assert.Equal("memory", hit.Header("X-Cache-Tier"));
        Assert.Equal("degraded", ready.GetProperty("status").GetString());
        Assert.Equal("degraded", ready.GetProperty("checks").GetProperty("sqlite").GetString());
        AssertOneErrorNaming(proxy.Output, db);
    }

    /// <summary>The console log's error lines: exactly one, and it names the file.</summary>
    private static void AssertOneErrorNaming(string output, string db)
    {
        var lines = output.Split('\n');
        var errors = lines.Select((line, i) => (line, i)).Where(l => l.line.StartsWith("fail:", StringComparison.Ordinal) || l.line.StartsWith("crit:", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 1, $"{errors.Count} error lines:\n{output}");
        Assert.Contains(db, lines[errors[0].i + 1], StringComparison.Ordinal);
    }

    private static byte[] Broken(string kind)
    {
        byte[] valid = File.ReadAllBytes(Fixture);
        switch (kind)
        {
            case "garbage":
                var noise = new byte[64 * 1024];
                new Random(6).NextBytes(noise);
                return noise;
            case "header-only":
                return valid[..100];
            case "corrupt-schema":
                // The schema page (page 1, after the 100-byte header) overwritten: SQLite reports a malformed image.
                var corrupt = (byte[])valid.Clone();
                new Random(6).NextBytes(corrupt.AsSpan(100, 4000));
                return corrupt;
            default:
                // A valid header claiming pages that are all zeros.
                var empty = new byte[valid.Length];
                valid.AsSpan(0, 100).CopyTo(empty);
                return empty;
        }
    }

    private static long CountEntries(string db)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM entries";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return -1;
        }
    }
}
