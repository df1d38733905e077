using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Pricing;
using LlmCacheProxy.Storage;
using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Benchmarks;

/// <summary>
/// <c>scripts/bench.sh --scale</c>, step one: fills a SQLite file with N entries through the proxy's own schema
/// (<see cref="StorageSchema"/>) and serializer (~1.5 KB documents, 10 models), then times the SQLite tier's
/// point lookup (the same statement and deserialization) on random keys. The script then starts the proxy on
/// the file to time HTTP hits and invalidations.
/// </summary>
internal static class ScaleBenchmark
{
    public const int Models = 10;
    private const int Batch = 10_000;
    private const int Lookups = 20_000;

    /// <summary>Arguments: sqlite-path entry-count.</summary>
    public static int Run(string[] args)
    {
        string path = args[0];
        int count = int.Parse(args[1], CultureInfo.InvariantCulture);
        SQLitePCL.Batteries_V2.Init();
        var clock = Stopwatch.StartNew();
        Fill(path, count);
        long fileBytes = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
        Console.Error.WriteLine($"filled {count} entries in {clock.Elapsed.TotalSeconds:F1} s ({fileBytes / 1024 / 1024} MiB)");

        var (p50, p99) = TimeLookups(path, count);
        Console.WriteLine($"lookup_p50_us={p50:F1} lookup_p99_us={p99:F1} entries={count} file_mib={fileBytes / 1024 / 1024}");
        return 0;
    }

    public static string Key(int i) => Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)));

    private static void Fill(string path, int count)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        foreach (string migration in StorageSchema.Migrations)
        {
            Execute(connection, migration);
        }
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string filler = string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet ", 12));
        for (int start = 0; start < count; start += Batch)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO entries (key, cache_id, model, namespace, created_at, expires_at, size,
                    tokens_input, tokens_output, tokens_cached, cost_total, latency_ms, body)
                VALUES ($key, $cache_id, $model, '', $created_at, NULL, $size, 120, 80, 0, 0.0001, 350, $body)
                """;
            var key = insert.Parameters.Add("$key", SqliteType.Text);
            var cacheId = insert.Parameters.Add("$cache_id", SqliteType.Text);
            var model = insert.Parameters.Add("$model", SqliteType.Text);
            var createdAt = insert.Parameters.Add("$created_at", SqliteType.Integer);
            var size = insert.Parameters.Add("$size", SqliteType.Integer);
            var body = insert.Parameters.Add("$body", SqliteType.Blob);
            insert.Prepare();
            for (int i = start; i < Math.Min(count, start + Batch); i++)
            {
                var entry = Entry(i, now - (count - i), filler);
                byte[] document = CacheEntrySerializer.Serialize(entry);
                key.Value = entry.CacheKey;
                cacheId.Value = entry.CacheId;
                model.Value = entry.Model;
                createdAt.Value = entry.CreatedAt.ToUnixTimeMilliseconds();
                size.Value = document.LongLength;
                body.Value = document;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static CacheEntry Entry(int i, long createdMs, string filler)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(createdMs);
        string model = "bench-model-" + (i % Models).ToString(CultureInfo.InvariantCulture);
        string request = $$"""{"model":"{{model}}","messages":[{"role":"user","content":"question {{i}} {{filler}}"}]}""";
        string response = $$$"""{"id":"chatcmpl-{{{i}}}","object":"chat.completion","created":1700000000,"model":"{{{model}}}","choices":[{"index":0,"message":{"role":"assistant","content":"answer {{{i}}} {{{filler}}}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":120,"completion_tokens":80,"total_tokens":200}}""";
        return new CacheEntry
        {
            CacheId = "01JSCALE" + i.ToString("D18", CultureInfo.InvariantCulture),
            CacheKey = Key(i),
            Route = "/v1/chat/completions",
            Model = model,
            Provider = "default",
            Request = Encoding.UTF8.GetBytes(request),
            RequestTimestamp = at,
            ResponseTimestamp = at,
            Response = new CachedResponse { Status = 200, ContentType = "application/json", Body = Encoding.UTF8.GetBytes(response) },
            Tokens = new TokenUsage(120, 80, 0),
            LatencyMs = 350,
            FirstByteMs = 350,
        };
    }

    /// <summary>SqliteTier's read: a pooled connection per lookup, the same statement, then deserialization.</summary>
    private static (double P50, double P99) TimeLookups(string path, int count)
    {
        string connectionString = $"Data Source={path};Mode=ReadWriteCreate;Pooling=True";
        var random = new Random(7);
        var samples = new double[Lookups];
        for (int n = -1000; n < Lookups; n++)
        {
            string key = Key(random.Next(count));
            long started = Stopwatch.GetTimestamp();
            using (var connection = new SqliteConnection(connectionString))
            {
                connection.Open();
                Execute(connection, "PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;");
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT body FROM entries WHERE key = $key";
                command.Parameters.AddWithValue("$key", key);
                byte[] body = (byte[])command.ExecuteScalar()!;
                if (CacheEntrySerializer.Deserialize(body)?.CacheKey != key)
                {
                    throw new InvalidOperationException("lookup returned the wrong entry");
                }
            }

            if (n >= 0)
            {
                samples[n] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
        }

        Array.Sort(samples);
        return (samples[Lookups / 2], samples[Lookups * 99 / 100]);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
