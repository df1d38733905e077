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
