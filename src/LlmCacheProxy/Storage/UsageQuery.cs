namespace LlmCacheProxy.Storage;

/// <summary>Which <c>usage_hourly</c> rows a read covers: hours in [FromMs, ToMs), optionally one model, namespace or endpoint.</summary>
internal sealed record UsageQuery(long FromMs, long ToMs, string? Model, string? Namespace, string? Endpoint = null);
