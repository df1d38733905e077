using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Admin;

/// <summary>
/// One line of an export, read: where the request went, whose partition it was (null when the line names none), the
/// request body the key is rebuilt from (the client's own, or rebuilt from the canonical form), and the entry.
/// </summary>
internal sealed record ExportRecord(string Route, string Namespace, string? Partition, byte[] RequestBody, bool ClientBody, CacheEntry Entry);
