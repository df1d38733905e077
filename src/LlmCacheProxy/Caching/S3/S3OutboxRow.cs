namespace LlmCacheProxy.Caching.S3;

/// <summary>One pending upload: the row id (changes when the key is stored again), the key, tries so far, the entry bytes.</summary>
internal sealed record S3OutboxRow(long Id, string Key, int Attempts, byte[] Body);
