namespace LlmCacheProxy.Storage;

/// <summary>The primary key of a <c>usage_hourly</c> row. Hour = the hour's start, Unix milliseconds UTC.</summary>
/// <param name="Endpoint">The endpoint module's name (<c>chat.completions</c>, <c>responses</c>, <c>embeddings</c>, <c>completions</c>).</param>
internal readonly record struct UsageKey(long Hour, string Model, string Namespace, string Endpoint)
{
    public const long HourMs = 3_600_000;

    public static long HourOf(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / HourMs * HourMs;
}
