namespace LlmCacheProxy.Storage;

/// <summary>Which <c>usage_hourly</c> rows a read covers: hours in [FromMs, ToMs), optionally one model or namespace.</summary>
internal sealed record UsageQuery(long FromMs, long ToMs, string? Model, string? Namespace);
