using LlmCacheProxy.Storage;
using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Caching;

/// <summary>
/// The one write path for an answer. The tiers kept in the database say what they need (the SQLite tier: the
/// <c>entries</c> row; the S3 tier: the outbox row with the objects to upload) and the tiered cache queues this write
/// once: one transaction on the writer's thread, the entry serialized once for both, so the entry is in SQLite and
/// queued for S3, or neither. The totals and the uploader's wake-up follow the commit, never precede it.
/// </summary>
internal sealed class EntryWrite(CacheEntry entry, EntryStore entries, TimeProvider time) : ISqliteWrite
{
    private byte[]? _document;
    private Func<CacheEntry, (byte[] Metadata, byte[] Pointer)>? _uploadDocuments;
    private Action? _queuedForUpload;
    private (long Bytes, long Entries) _tally;

    public CacheEntry Entry => entry;

    /// <summary>The SQLite tier asked for the <c>entries</c> row.</summary>
    public bool KeepsRow { get; private set; }

    public bool HasWork => KeepsRow || _uploadDocuments is not null;

    /// <summary>The entry document, the same bytes in every tier; made once, on the writer's thread.</summary>
    public byte[] Document => _document ??= CacheEntrySerializer.Serialize(entry);

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
            _tally = entries.Upsert(connection, transaction, Row(entry), Document);
        }

        if (_uploadDocuments is not null)
        {
            var (metadata, pointer) = _uploadDocuments(entry);
            OutboxStore.Insert(connection, transaction, entry.CacheKey, time.GetUtcNow().ToUnixTimeMilliseconds(), Document, metadata, pointer);
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
