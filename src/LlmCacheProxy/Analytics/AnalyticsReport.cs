using LlmCacheProxy.Storage;

namespace LlmCacheProxy.Analytics;

/// <summary>The answer of <c>GET /admin/analytics</c>, before it is written as JSON or CSV.</summary>
internal sealed record AnalyticsReport(
    AnalyticsFilter Filter,
    UsageCounters Totals,
    IReadOnlyList<KeyValuePair<string, UsageCounters>> ByModel,
    IReadOnlyList<KeyValuePair<string, UsageCounters>> ByEndpoint,
    IReadOnlyList<KeyValuePair<DateTimeOffset, UsageCounters>> Timeseries,
    IReadOnlyList<HotKey> HotKeys,
    long ColdEntries);
