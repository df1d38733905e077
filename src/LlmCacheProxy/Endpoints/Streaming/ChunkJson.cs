using System.Buffers;
using System.Text.Json;
using System.Text;

namespace LlmCacheProxy.Endpoints.Streaming;

/// <summary>
/// Cheap looks at one SSE payload's top level with a forward-only reader (no DOM): chunks are checked on
/// the streaming path, where a document per chunk would be wasted work. Invalid JSON answers false.
/// </summary>
internal static class ChunkJson
{
    public static bool HasTopLevelProperty(string payload, string name)
    {
        if (!payload.Contains(name, StringComparison.Ordinal))
        {
            return false;
        }

        return Scan(payload, name, static (ref Utf8JsonReader reader, string wanted, ref int found) =>
        {
            if (reader.ValueTextEquals(wanted))
            {
                found = 1;
                return false;
            }

            return true;
        }) == 1;
    }

    /// <summary>
    /// The usage-only chunk OpenAI sends last when <c>stream_options.include_usage</c> is set:
    /// <c>"choices": []</c> and a <c>usage</c> object.
    /// </summary>
    public static bool IsUsageOnly(string payload)
    {
        if (!payload.Contains("\"usage\"", StringComparison.Ordinal))
        {
            return false;
        }

        const int EmptyChoices = 1, UsageObject = 2;
        int seen = Scan(payload, "", static (ref Utf8JsonReader reader, string _, ref int found) =>
        {
            bool choices = reader.ValueTextEquals("choices");
            bool usage = !choices && reader.ValueTextEquals("usage");
            if (!choices && !usage)
            {
                return true;
            }

            reader.Read();
            if (choices && reader.TokenType == JsonTokenType.StartArray)
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    found |= EmptyChoices;
                    return true;
                }

                found |= 4; // choices present and not empty
                return false;
            }

            if (usage && reader.TokenType == JsonTokenType.StartObject)
            {
                found |= UsageObject;
            }

            return true;
        });
        return seen == (EmptyChoices | UsageObject);
    }

    /// <summary>
    /// The payload without its top-level <c>"usage": null</c> member (what OpenAI puts in every chunk of a stream that asked
    /// <c>include_usage</c>), the rest byte for byte; the payload itself when it has none or is not a JSON object.
    /// </summary>
    public static string WithoutNullUsage(string payload)
    {
        if (!payload.Contains("\"usage\"", StringComparison.Ordinal))
        {
            return payload;
        }

        byte[] utf8 = Encoding.UTF8.GetBytes(payload);
        return NullUsageSpan(utf8) is var (from, to) ? Encoding.UTF8.GetString([.. utf8.AsSpan(0, from), .. utf8.AsSpan(to)]) : payload;
    }

    /// <summary>The bytes [from, to) of the <c>"usage": null</c> member with the comma that separates it from a neighbour.</summary>
    private static (int From, int To)? NullUsageSpan(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int nameStart = (int)reader.TokenStartIndex;
                bool usage = reader.ValueTextEquals("usage"u8);
                reader.Read();
                if (usage && reader.TokenType == JsonTokenType.Null)
                {
                    return WithComma(json, nameStart, (int)reader.BytesConsumed);
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Widens a member's span over the comma before it, or, for the first member, the comma after it.</summary>
    private static (int From, int To)? WithComma(ReadOnlySpan<byte> json, int from, int to)
    {
        int before = from - 1;
        while (before >= 0 && IsWhitespace(json[before]))
        {
            before--;
        }

        if (before >= 0 && json[before] == (byte)',')
        {
            return (before, to);
        }

        int after = to;
        while (after < json.Length && IsWhitespace(json[after]))
        {
            after++;
        }

        return after < json.Length && json[after] == (byte)',' ? (from, after + 1) : (from, to);
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    private delegate bool PropertyVisitor(ref Utf8JsonReader reader, string name, ref int found);

    /// <summary>Calls <paramref name="visit"/> on each top-level property name (reader on the name); it returns false to stop.</summary>
    private static int Scan(string payload, string name, PropertyVisitor visit)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(payload.Length));
        int found = 0;
        try
        {
            int length = Encoding.UTF8.GetBytes(payload, rented);
            var reader = new Utf8JsonReader(rented.AsSpan(0, length));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return 0;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!visit(ref reader, name, ref found))
                {
                    return found;
                }

                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    reader.Read();
                }

                reader.Skip();
            }

            return found;
        }
        catch (JsonException)
        {
            return 0;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
