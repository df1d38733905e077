using LlmCacheProxy.Storage;

namespace LlmCacheProxy.Analytics;

/// <summary>What an analytics query covers: [From, To), optional model, namespace and endpoint, buckets of an hour or a day (UTC).</summary>
internal sealed record AnalyticsFilter(
    DateTimeOffset From, DateTimeOffset To, string? Model, string? Namespace, Granularity Granularity, string? Endpoint = null)
{
    public long BucketMs => Granularity == Granularity.Day ? 24 * UsageKey.HourMs : UsageKey.HourMs;

    /// <summary>Rows are per hour, so the first row counted is the hour holding <see cref="From"/>.</summary>
    public long FromHourMs => UsageKey.HourOf(From);

    public long ToMs => To.ToUnixTimeMilliseconds();

    public long FirstBucketMs => From.ToUnixTimeMilliseconds() / BucketMs * BucketMs;

    public long BucketCount => (ToMs - FirstBucketMs + BucketMs - 1) / BucketMs;

    /// <summary>
    /// Days covered, at least one: the divisor of the daily average. A range a client computed as "the last 7 days"
    /// reaches the server a few milliseconds long, so up to a minute over a whole day still counts as that day.
    /// </summary>
    public double Days => Math.Max(1, Math.Ceiling((To - From - TimeSpan.FromMinutes(1)).TotalDays));
}
