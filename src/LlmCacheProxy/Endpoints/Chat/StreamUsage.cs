using System.Text;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Endpoints.Chat;

/// <summary>
/// Token usage (and an upstream-reported cost) of a stored stream: the <c>usage</c> object OpenAI puts in the last
/// chunk(s) when <c>stream_options.include_usage</c> was set. Only the last few payloads are looked at.
/// </summary>
internal static class StreamUsage
{
    private const int Lookback = 4;

    /// <summary>The usage the stream reported; zero when it reported none.</summary>
    public static (TokenUsage Tokens, decimal? UpstreamCost) Read(IReadOnlyList<string> events) =>
        TryRead(events, out var usage) ? usage : (TokenUsage.Zero, null);

    /// <summary>False when no usage object was in the stream's last payloads.</summary>
    public static bool TryRead(IReadOnlyList<string> events, out (TokenUsage Tokens, decimal? UpstreamCost) usage)
    {
        for (int i = events.Count - 1; i >= 0 && i >= events.Count - Lookback; i--)
        {
            if (events[i].Contains("\"usage\"", StringComparison.Ordinal) &&
                ChatCompletionScan.TryReadUsage(Encoding.UTF8.GetBytes(events[i]), out var tokens, out decimal? cost))
            {
                usage = (tokens, cost);
                return true;
            }
        }

        usage = (TokenUsage.Zero, null);
        return false;
    }
}
