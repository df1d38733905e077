namespace LlmCacheProxy.Analytics;

internal enum Granularity
{
    Hour,
    Day,
}
