namespace LlmCacheProxy.Caching;

/// <summary>A tier call that threw (served as a miss). Reported once, to logs, telemetry and health alike.</summary>
internal sealed record TierFailure(string Tier, string Operation, Exception Exception, DateTimeOffset At);
