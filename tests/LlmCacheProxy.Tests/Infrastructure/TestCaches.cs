using LlmCacheProxy.Caching;
using LlmCacheProxy.Caching.Codec;
using LlmCacheProxy.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Tests.Infrastructure;

/// <summary>
/// A <see cref="TieredCache"/> over test tiers. Its database is never opened: the writer is not started, so what the
/// write path queues stays queued (<see cref="Writer"/>.Pending counts it).
/// </summary>
internal sealed class TestCaches
{
    public TestCaches(TimeProvider time, params ICacheTier[] tiers)
    {
        var sqlite = Options.Create(new SqliteOptions { Path = Path.Combine(Path.GetTempPath(), "never-opened-" + Guid.NewGuid().ToString("N") + ".db") });
        var database = new SqliteDatabase(sqlite, NullLogger<SqliteDatabase>.Instance);
        Writer = new SqliteWriter(database, new SqliteEviction(database, sqlite, NullLogger<SqliteEviction>.Instance), sqlite, NullLogger<SqliteWriter>.Instance);
        Epochs = new InvalidationEpochs();
        Cache = new TieredCache(tiers, Epochs, Writer, new EntryStore(database, Writer, time),
            new EntryCodec(Options.Create(new CompressionOptions()), EncryptionKeyRing.None), time, NullLogger<TieredCache>.Instance);
    }

    public TieredCache Cache { get; }

    public InvalidationEpochs Epochs { get; }

    public SqliteWriter Writer { get; }
}
