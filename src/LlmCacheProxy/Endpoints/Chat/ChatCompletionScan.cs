using System.Text.Json;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Endpoints.Chat;

/// <summary>
/// One forward pass of <see cref="Utf8JsonReader"/> over an upstream answer: is it a chat completion (an object
/// with a <c>choices</c> array and no <c>error</c>), and what does its <c>usage</c> say. Same verdicts as reading
/// it into a <see cref="JsonDocument"/> (the whole text is still validated; a repeated property: the last one
/// counts), without building the DOM on every miss.
/// </summary>
internal static class ChatCompletionScan
{
    /// <summary>False when the answer must not be stored (not JSON, not an object, no choices array, an error).</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out TokenUsage tokens, out decimal? upstreamCost) =>
        Scan(json, out bool choices, out bool error, out _, out tokens, out upstreamCost) && choices && !error;

    /// <summary>
    /// The <c>usage</c> object of one JSON document (a stream's usage chunk); false when it has none (absent, null,
    /// not an object) or is not a JSON object.
    /// </summary>
    public static bool TryReadUsage(ReadOnlySpan<byte> json, out TokenUsage tokens, out decimal? upstreamCost) =>
        Scan(json, out _, out _, out bool usage, out tokens, out upstreamCost) && usage;

    private static bool Scan(
        ReadOnlySpan<byte> json, out bool choices, out bool error, out bool usage, out TokenUsage tokens, out decimal? upstreamCost)
    {
        choices = error = usage = false;
        tokens = TokenUsage.Zero;
        upstreamCost = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                if (reader.ValueTextEquals("choices"u8))
                {
                    reader.Read();
                    choices = reader.TokenType == JsonTokenType.StartArray;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    error = true;
                    reader.Read();
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    usage = reader.TokenType == JsonTokenType.StartObject;
                    (tokens, upstreamCost) = ReadUsage(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reader on the usage value; leaves it on the value's last token.</summary>
    private static (TokenUsage Tokens, decimal? Cost) ReadUsage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (TokenUsage.Zero, null);
        }

        int depth = reader.CurrentDepth;
        long input = 0, output = 0, cached = 0;
        decimal? cost = null;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                input = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                output = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("cost"u8))
            {
                reader.Read();
                cost = reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out decimal value) ? value : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                reader.Read();
                cached = ReadCached(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return (new TokenUsage(input, output, cached), cost);
    }

    private static long ReadCached(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return 0;
        }

        int depth = reader.CurrentDepth;
        long cached = 0;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("cached_tokens"u8))
            {
                cached = ReadLong(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return cached;
    }

    private static long ReadLong(ref Utf8JsonReader reader)
    {
        reader.Read();
        long n = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value) ? value : 0;
        reader.Skip();
        return n;
    }
}
