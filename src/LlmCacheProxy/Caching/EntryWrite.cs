using LlmCacheProxy.Caching.Codec;
using LlmCacheProxy.Storage;
using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Caching;

/// <summary>
/// The one write path for an answer. The tiers kept in the database say what they need (the SQLite tier: the
/// <c>entries</c> row; the S3 tier: the outbox row with the objects to upload) and the tiered cache queues this write
/// once: one transaction on the writer's thread, the entry serialized once, and encoded once per stored form (SQLite's
/// and S3's, the same bytes when the forms agree), so the entry is in SQLite and queued for S3, or neither. The totals
/// and the uploader's wake-up follow the commit, never precede it.
/// </summary>
internal sealed class EntryWrite(CacheEntry entry, EntryStore entries, EntryCodec codec, TimeProvider time) : ISqliteWrite
{
    private byte[]? _document;
    private byte[]? _sqliteBody;
    private byte[]? _s3Body;
    private Func<CacheEntry, (byte[] Metadata, byte[] Pointer)>? _uploadDocuments;
    private Action? _queuedForUpload;
    private (long Bytes, long Entries) _tally;

    public CacheEntry Entry => entry;

    /// <summary>The SQLite tier asked for the <c>entries</c> row.</summary>
    public bool KeepsRow { get; private set; }

    public bool HasWork => KeepsRow || _uploadDocuments is not null;

    /// <summary>
    /// The entry document (JSON) before any stored form; made once, by whichever writer needs it first (SQLite's or
    /// Redis's: two threads may ask at once, and both get the first document made).
    /// </summary>
    public byte[] Document => Volatile.Read(ref _document) ??
        Interlocked.CompareExchange(ref _document, CacheEntrySerializer.Serialize(entry), null) ?? _document!;

    /// <summary>The <c>entries.body</c> bytes: the document in SQLite's stored form (compressed, encrypted).</summary>
    public byte[] SqliteBody => _sqliteBody ??= codec.Encode(Document, entry.CacheKey, codec.Sqlite);

    /// <summary>The S3 entry object the outbox row carries: SQLite's bytes again when both tiers store one form.</summary>
    /// <summary>The bytes for Redis, in SQLite's form (compressed, encrypted as configured); made by Redis's writer thread.</summary>
    public byte[] RedisBody => codec.Encode(Document, entry.CacheKey, codec.Sqlite);

    public byte[] S3Body => _s3Body ??= codec.S3 == codec.Sqlite ? SqliteBody : codec.Encode(Document, entry.CacheKey, codec.S3);

    public void KeepRow() => KeepsRow = true;

    /// <summary>The S3 tier: queue the entry for upload with the documents it makes, and be told once it is committed.</summary>
    public void Upload(Func<CacheEntry, (byte[] Metadata, byte[] Pointer)> documents, Action queued)
    {
        _uploadDocuments = documents;
        _queuedForUpload = queued;
    }

    public void Execute(SqliteConnection connection, SqliteTransaction transaction)
    {
        _tally = default;
        if (KeepsRow)
        {
            _tally = entries.Upsert(connection, transaction, Row(entry), SqliteBody);
        }

        if (_uploadDocuments is not null)
        {
            var (metadata, pointer) = _uploadDocuments(entry);
            OutboxStore.Insert(connection, transaction, entry.CacheKey, time.GetUtcNow().ToUnixTimeMilliseconds(), S3Body, metadata, pointer);
        }
    }

    public void Completed(Exception? error)
    {
        if (error is not null)
        {
            return;
        }

        entries.Database.AdjustTotals(_tally.Bytes, _tally.Entries);
        _queuedForUpload?.Invoke();
    }

    private static EntryRow Row(CacheEntry entry) => new(
        entry.CacheKey, entry.CacheId, entry.Model, entry.Namespace, entry.CreatedAt.ToUnixTimeMilliseconds(),
        entry.ExpiresAt?.ToUnixTimeMilliseconds(), entry.Tokens.Input, entry.Tokens.Output, entry.Tokens.CachedInput,
        entry.Cost?.Total, entry.LatencyMs, entry.CostEstimated);
}
