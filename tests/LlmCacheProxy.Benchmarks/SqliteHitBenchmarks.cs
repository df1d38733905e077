using BenchmarkDotNet.Attributes;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Caching.Codec;
using LlmCacheProxy.Caching.Sqlite;
using LlmCacheProxy.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Benchmarks;

/// <summary>
/// A SQLite-tier hit as the request path makes it (prepared point read of the body, then the codec and the
/// deserializer) on a file of 2,000 realistic chat entries, stored plain or zstd-compressed.
/// </summary>
[MemoryDiagnoser]
public class SqliteHitBenchmarks
{
    private const int Entries = 2000;
    private string _path = "";
    private SqliteDatabase _database = null!;
    private EntryStore _store = null!;
    private SqliteTier _tier = null!;
    private string[] _keys = [];
    private int _next;

    [Params(EntryCompression.None, EntryCompression.Zstd)]
    public string Compression { get; set; } = EntryCompression.None;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), "llmcache-bench-" + Guid.NewGuid().ToString("N") + ".db");
        var sqlite = Options.Create(new SqliteOptions { Path = _path, MaxBytes = 0 });
        _database = new SqliteDatabase(sqlite, NullLogger<SqliteDatabase>.Instance);
        _database.Open();
        var eviction = new SqliteEviction(_database, sqlite, NullLogger<SqliteEviction>.Instance);
        var writer = new SqliteWriter(_database, eviction, sqlite, NullLogger<SqliteWriter>.Instance);
        _store = new EntryStore(_database, writer, TimeProvider.System);
        var codec = new EntryCodec(Options.Create(new CompressionOptions { Compression = Compression }), EncryptionKeyRing.None);
        _tier = new SqliteTier(_store, writer, eviction, codec, NullLogger<SqliteTier>.Instance);
        _keys = Enumerable.Range(0, Entries).Select(ScaleBenchmark.Key).ToArray();
        var template = CodecSamples.Entry(CodecSamples.Chat);
        using var connection = _database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        foreach (string key in _keys)
        {
            var entry = template with { CacheKey = key, CacheId = "gpt-4o-mini_" + key[..16] };
            var write = new EntryWrite(entry, _store, codec, TimeProvider.System);
            write.KeepRow();
            write.Execute(connection, transaction);
        }

        transaction.Commit();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (string file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Benchmark]
    public long Hit()
    {
        string key = _keys[_next++ % Entries];
        return _tier.GetAsync(key, default).Result!.LatencyMs;
    }
}
