namespace LlmCacheProxy.Pricing;

internal sealed record TokenUsage(long Input, long Output, long CachedInput)
{
    public static readonly TokenUsage Zero = new(0, 0, 0);
}
