namespace LlmCacheProxy.Admin;

/// <summary>A page of entries, newest first; <paramref name="NextCursor"/> is null on the last page.</summary>
internal sealed record EntryPage(IReadOnlyList<EntryMetadata> Entries, string? NextCursor);
