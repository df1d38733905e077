using System.Diagnostics;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.Reliability;

public sealed class TierFaultTests
{
    /// <summary>
    /// Read-only under load, made honest for a root test process (chmod does not bind root, and open
    /// descriptors keep their mode anyway): the database and its WAL get the ext4 immutable attribute, which
    /// refuses writes even to root through already-open descriptors. Not the -shm file: SQLite maps it, and a
    /// write fault on an immutable mapping is SIGBUS, a filesystem failure, not a read-only file.
    /// </summary>
    [Fact]
    public async Task SqliteFileMadeReadOnlyUnderLoad_EveryRequestAnswered_WritesCountedReadyzDegraded()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var warm = Enumerable.Range(0, 20).Select(i => ChatRequests.Body($"ro warm {i}")).ToArray();
        foreach (var body in warm)
        {
            Assert.True((await ctx.Proxy.Http.SendAsync(body)).IsSuccessStatusCode);
        }

        await ctx.Proxy.FlushAsync();
        string[] files = [ctx.Directory.SqlitePath, ctx.Directory.SqlitePath + "-wal"];
        // The tests run as root, which chmod does not stop; the immutable attribute does. Without it the case
        // cannot be exercised, and a test that cannot exercise its case fails rather than passing silently.
        Assert.True(await ChattrAsync("+i", files), "chattr +i failed: needs e2fsprogs, root and an ext2/3/4-like filesystem for the temp folder");

        try
        {
            var writer = ctx.Proxy.Services.GetRequiredService<SqliteWriter>();
            var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
            {
                string body = i % 2 == 0 ? warm[i % warm.Length] : ChatRequests.Body($"ro cold {i}");
                using var response = await ctx.Proxy.Http.SendAsync(body);
                string text = await response.Content.ReadAsStringAsync();
                return response.IsSuccessStatusCode && text.Contains("chat.completion", StringComparison.Ordinal);
            }));
            Assert.All(answers, Assert.True);

            await Poll.AssertEventuallyAsync(() => writer.Failed > 0, "a failed write counted while the file was read-only");

            var readyz = await ctx.Proxy.Http.GetAsync("/readyz");
            Assert.Equal(200, (int)readyz.StatusCode);
            Assert.Contains("\"sqlite\":\"degraded\"", await readyz.Content.ReadAsStringAsync());

            // Served from SQLite or memory while nothing can be written: a stored entry is still a hit.
            var hit = await ctx.Proxy.Http.SendAsync(warm[1]);
            Assert.Equal("HIT", hit.Header("X-Cache"));

            // Writable again: the writer's connection was not left stuck in a failed transaction.
            Assert.True(await ChattrAsync("-i", files));
            using var after = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("ro after"));
            await using var reader = new SqliteConnection($"Data Source={ctx.Directory.SqlitePath};Mode=ReadOnly;Pooling=False");
            await reader.OpenAsync();
            await using var stored = reader.CreateCommand();
            stored.CommandText = "SELECT count(*) FROM entries WHERE key = $key";
            stored.Parameters.AddWithValue("$key", after.Header("X-Cache-Key"));
            await Poll.AssertEventuallyAsync(async () =>
            {
                await ctx.Proxy.FlushAsync();
                return (long)(await stored.ExecuteScalarAsync())! != 0;
            }, "the writer to write again once the file was writable");
        }
        finally
        {
            await ChattrAsync("-i", files);
        }
    }

    private static async Task<bool> ChattrAsync(string flag, string[] files)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [flag, .. files])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            await process.WaitForExitAsync();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no chattr
        }
    }

    [Fact]
    public async Task SqliteFileDeletedUnderLoad_EveryRequestAnswered_ReadyzDegraded()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var warm = Enumerable.Range(0, 20).Select(i => ChatRequests.Body($"warm {i}")).ToArray();
        foreach (var body in warm)
        {
            Assert.True((await ctx.Proxy.Http.SendAsync(body)).IsSuccessStatusCode);
        }

        await ctx.Proxy.FlushAsync();
        var load = Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            string body = i % 2 == 0 ? warm[i % warm.Length] : ChatRequests.Body($"cold {i}");
            using var response = await ctx.Proxy.Http.SendAsync(body);
            string text = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode && text.Contains("chat.completion", StringComparison.Ordinal);
        }));
        foreach (string suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(ctx.Directory.SqlitePath + suffix);
        }

        Assert.All(await load, Assert.True);
        var readyz = await ctx.Proxy.Http.GetAsync("/readyz");
        Assert.Equal(200, (int)readyz.StatusCode);
        Assert.Contains("\"sqlite\":\"degraded\"", await readyz.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SqliteLockedByAnotherWriter_RequestsAnsweredMemoryHitsServed_WritesFailFastCountedReadyzDegraded()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        await using var holder = new SqliteConnection($"Data Source={ctx.Directory.SqlitePath};Pooling=False");
        await holder.OpenAsync();
        await using (var command = holder.CreateCommand())
        {
            command.CommandText = "BEGIN EXCLUSIVE; INSERT INTO entries (key, cache_id, model, namespace, created_at, size, body) " +
                "VALUES ('lock', 'lock', 'm', '', 0, 0, x'00');";
            await command.ExecuteNonQueryAsync();
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using var response = await ctx.Proxy.Http.SendAsync(ChatRequests.Body($"while locked {i}"));
            return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("chat.completion", StringComparison.Ordinal);
        }));
        Assert.All(answers, Assert.True);

        // Hits from the memory tier keep working while the file is locked.
        var hit = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("while locked 0"));
        Assert.Equal("HIT", hit.Header("X-Cache"));

        // The writer gives up on the locked file after its short timeouts (not 30 s per write), counts the lost
        // writes and reports degraded; once the lock is released it writes again.
        var writer = ctx.Proxy.Services.GetRequiredService<SqliteWriter>();
        await Poll.UntilAsync(() => writer.Failed >= 30, TimeSpan.FromSeconds(60));
        Assert.True(writer.Failed >= 30, $"failed writes counted: {writer.Failed} of 30");

        var readyz = await ctx.Proxy.Http.GetAsync("/readyz");
        Assert.Equal(200, (int)readyz.StatusCode);
        Assert.Contains("\"sqlite\":\"degraded\"", await readyz.Content.ReadAsStringAsync());

        await using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        await ctx.Proxy.Http.SendAsync(ChatRequests.Body("after the lock"));
        await ctx.Proxy.FlushAsync();
        await using var count = holder.CreateCommand();
        count.CommandText = "SELECT count(*) FROM entries";
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
    }
}
