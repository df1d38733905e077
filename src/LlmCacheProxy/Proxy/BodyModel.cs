using System.Text;
using System.Text.Json;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// The length of a request body's top-level <c>model</c> string, read with a forward-only reader: for a body the
/// module refused (no key, so no normalized model), to tell one whose model name is over the analytics limit.
/// </summary>
internal static class BodyModel
{
    /// <summary>True when the body is a JSON object whose top-level <c>model</c> is a string longer than <paramref name="maxLength"/> characters.</summary>
    public static bool IsLongerThan(ReadOnlySpan<byte> body, int maxLength)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool model = reader.ValueTextEquals("model"u8);
                reader.Read();
                if (model && reader.TokenType == JsonTokenType.String)
                {
                    // UTF-8 bytes bound the characters from above: decode only a name that might be over the limit.
                    return reader.ValueSpan.Length > maxLength &&
                        (reader.ValueIsEscaped ? reader.GetString()!.Length : Encoding.UTF8.GetCharCount(reader.ValueSpan)) > maxLength;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }
}
