using LlmCacheProxy.Caching.Sqlite;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.Reliability;

public sealed class TierFaultTests
{
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
    public async Task SqliteLockedByAnotherWriter_RequestsAnswered_MemoryHitsServed()
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
    }
}
