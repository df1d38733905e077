using System.Text.Json;
using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Proxy.Streaming;

/// <summary>
/// Token usage of a stored stream: the <c>usage</c> object OpenAI puts in the last chunk(s) when
/// <c>stream_options.include_usage</c> was set. Only the last few payloads are looked at; none: zero.
/// </summary>
internal static class StreamUsage
{
    private const int Lookback = 4;

    public static TokenUsage Read(IReadOnlyList<string> events)
    {
        for (int i = events.Count - 1; i >= 0 && i >= events.Count - Lookback; i--)
        {
            if (!events[i].Contains("\"usage\"", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(events[i]);
                if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                    doc.RootElement.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
                {
                    return EntryFactory.ReadUsage(usage);
                }
            }
            catch (JsonException)
            {
            }
        }

        return TokenUsage.Zero;
    }
}
