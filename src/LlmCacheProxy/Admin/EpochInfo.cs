namespace LlmCacheProxy.Admin;

/// <summary>An invalidation epoch: entries in <paramref name="Scope"/> created at or before <paramref name="Before"/> are dead.</summary>
internal sealed record EpochInfo(string Scope, DateTimeOffset Before);
