namespace LlmCacheProxy.Admin;

/// <summary>Token counts of the stored answer.</summary>
internal sealed record EntryTokens(long Input, long Output, long CachedInput);
