using System.Text.Json;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Endpoints.Streaming;

/// <summary>
/// Rewrites a stream request's body so that upstream sends the stream's usage: <c>"stream_options":{"include_usage":true}</c>
/// is set (added, or merged into the client's <c>stream_options</c>) and every other byte is kept as the client sent it.
/// The body was already accepted by a key builder (a JSON object, no repeated names).
/// </summary>
internal static class StreamUsageRequest
{
    private static readonly byte[] Member = "\"stream_options\":{\"include_usage\":true}"u8.ToArray();
    private static readonly byte[] Options = "{\"include_usage\":true}"u8.ToArray();
    private static readonly byte[] IncludeUsage = "\"include_usage\":true"u8.ToArray();

    /// <summary>
    /// The forward of a stream whose client did not ask <c>include_usage</c>, while the settings allow asking for it: the
    /// body with the option set, and <see cref="StreamUsageFilter"/> in front of the client. Null otherwise.
    /// </summary>
    public static ForwardRewrite? RewriteFor(ReadOnlyMemory<byte> body, CacheKey key, ForwardSettings settings) =>
        key.Stream && !key.IncludeUsage && settings.RequestStreamUsage && AskForUsage(body.Span) is { } rewritten
            ? new ForwardRewrite(rewritten, static (response, inner) => new StreamUsageFilter(response, inner))
            : null;

    /// <summary>The rewritten body, or null when the body is not a JSON object (nothing to rewrite).</summary>
    public static byte[]? AskForUsage(ReadOnlySpan<byte> body)
    {
        try
        {
            return Rewrite(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[]? Rewrite(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        bool hasMembers = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            hasMembers = true;
            bool isOptions = reader.ValueTextEquals("stream_options"u8);
            reader.Read();
            if (isOptions)
            {
                return RewriteOptions(body, ref reader);
            }

            reader.Skip();
        }

        // The reader is on the root's closing brace: add the member before it.
        int end = (int)reader.TokenStartIndex;
        return Splice(body, end, end, hasMembers ? [(byte)',', .. Member] : Member);
    }

    /// <summary>Reader on the value of <c>stream_options</c>.</summary>
    private static byte[] RewriteOptions(ReadOnlySpan<byte> body, ref Utf8JsonReader reader)
    {
        int start = (int)reader.TokenStartIndex;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return Splice(body, start, (int)reader.BytesConsumed, Options);
        }

        int open = start + 1;
        bool hasMembers = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            hasMembers = true;
            bool isInclude = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            int valueStart = (int)reader.TokenStartIndex;
            reader.Skip();
            if (isInclude)
            {
                return Splice(body, valueStart, (int)reader.BytesConsumed, "true"u8);
            }
        }

        return Splice(body, open, open, hasMembers ? [.. IncludeUsage, (byte)','] : IncludeUsage);
    }

    private static byte[] Splice(ReadOnlySpan<byte> body, int from, int to, ReadOnlySpan<byte> insert) =>
        [.. body[..from], .. insert, .. body[to..]];
}
