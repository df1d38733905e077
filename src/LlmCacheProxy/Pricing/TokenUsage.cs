namespace LlmCacheProxy.Pricing;

/// <param name="Estimated">
/// The counts are the proxy's own estimate (an upstream that reported no usage, a share of a batch's total), not what
/// upstream billed; the cost made from them is marked estimated.
/// </param>
internal sealed record TokenUsage(long Input, long Output, long CachedInput, bool Estimated = false)
{
    public static readonly TokenUsage Zero = new(0, 0, 0);
}
