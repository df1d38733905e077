namespace LlmCacheProxy.Storage;

/// <summary>
/// One pending upload: the row id (changes when the key is stored again), the key, tries so far, the entry document,
/// and the metadata and pointer documents made with it (null in rows queued before schema version 2).
/// </summary>
internal sealed record OutboxRow(long Id, string Key, int Attempts, byte[] Body, byte[]? Metadata, byte[]? Pointer);
