using System.Text.Json;
using LlmCacheProxy.Pricing;

namespace LlmCacheProxy.Endpoints.Responses;

/// <summary>
/// One forward pass over a Responses API <c>response</c> object: is it a finished answer (<c>"status": "completed"</c>,
/// no <c>error</c>), and what does its <c>usage</c> say (<c>input_tokens</c>, <c>input_tokens_details.cached_tokens</c>,
/// <c>output_tokens</c>, an upstream <c>cost</c>). A repeated member: the last one counts. Invalid JSON: not storable.
/// </summary>
internal static class ResponseScan
{
    public static bool TryRead(ReadOnlySpan<byte> json, out TokenUsage tokens, out decimal? upstreamCost)
    {
        tokens = TokenUsage.Zero;
        upstreamCost = null;
        bool completed = false, error = false;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("status"u8))
                {
                    reader.Read();
                    completed = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("completed"u8);
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    error = reader.TokenType != JsonTokenType.Null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    (tokens, upstreamCost) = ReadUsage(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return completed && !error;
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

        long input = 0, output = 0, cached = 0;
        decimal? cost = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input_tokens"u8))
            {
                input = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("output_tokens"u8))
            {
                output = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("cost"u8))
            {
                reader.Read();
                cost = reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out decimal value) ? value : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("input_tokens_details"u8))
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

        long cached = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
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
