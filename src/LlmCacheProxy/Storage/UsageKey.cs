namespace LlmCacheProxy.Storage;

/// <summary>The primary key of a <c>usage_hourly</c> row. Hour = the hour's start, Unix milliseconds UTC.</summary>
internal readonly record struct UsageKey(long Hour, string Model, string Namespace)
{
    public const long HourMs = 3_600_000;

    public static long HourOf(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / HourMs * HourMs;
}
