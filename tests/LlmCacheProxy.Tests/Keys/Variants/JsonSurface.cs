using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmCacheProxy.Tests.Keys.Variants;

/// <summary>
/// Writes a JSON tree in a random one of the many texts that mean the same: member order, whitespace, string
/// escapes (including escaped property names and split surrogate pairs), and number forms (1, 1.0, 1e0; 0 and
/// -0; shortest and 17-digit exponent forms of a fraction). Integers beyond 2^53 are only ever written as
/// their digits, since any other form is a different number to a parser; so is every number parsed from text
/// (<see cref="Literal"/>), which is how token ids stay integer literals.
/// </summary>
/// <remarks>
/// <paramref name="plain"/> escapes only what JSON requires: an escaped name, model, role or part type sends a chat
/// body to the document path, and plain bodies keep the fast path in the comparison.
/// </remarks>
internal sealed class JsonSurface(Random random, bool plain = false)
{
    private static readonly string[] Spaces = ["", "", "", "", " ", "\n", "\t", "\r\n  "];
    private static readonly BigInteger MaxExact = BigInteger.Pow(2, 53);

    /// <summary>A number written exactly as given, in every rendering.</summary>
    public static JsonNode Literal(string number) => JsonNode.Parse(number)!;

    public string Render(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(node, builder);
        return builder.ToString();
    }

    private void Write(JsonNode? node, StringBuilder builder)
    {
        Space(builder);
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var members = obj.ToList();
                random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(members));
                for (var i = 0; i < members.Count; i++)
                {
                    builder.Append(i > 0 ? "," : "");
                    Space(builder);
                    WriteString(members[i].Key, builder, !plain && random.Next(4) == 0);
                    Space(builder);
                    builder.Append(':');
                    Write(members[i].Value, builder);
                }

                Space(builder);
                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i > 0 ? "," : "");
                    Write(array[i], builder);
                }

                Space(builder);
                builder.Append(']');
                break;
            default:
                WriteValue(node.AsValue(), builder);
                break;
        }

        Space(builder);
    }

    private void WriteValue(JsonValue value, StringBuilder builder)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(value.GetValue<string>(), builder, !plain && random.Next(4) == 0);
                break;
            case JsonValueKind.Number:
                builder.Append(value.TryGetValue<JsonElement>(out _) ? value.ToJsonString() : NumberForm(value.ToJsonString()));
                break;
            default:
                builder.Append(value.ToJsonString());
                break;
        }
    }

    private string NumberForm(string raw)
    {
        if (BigInteger.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            if (BigInteger.Abs(integer) > MaxExact)
            {
                return raw;
            }

            string[] forms = integer.IsZero ? ["0", "-0", "0.0", "-0.0e0", "0E+5"] : [raw, raw + ".0", raw + "e0", raw + ".000E+00"];
            return Pick(forms);
        }

        var number = double.Parse(raw, CultureInfo.InvariantCulture);
        return Pick([raw, number.ToString("R", CultureInfo.InvariantCulture), number.ToString("E16", CultureInfo.InvariantCulture)]);
    }

    // Escapes what JSON requires; with escapeOthers, also about one char in four of the rest.
    private void WriteString(string text, StringBuilder builder, bool escapeOthers)
    {
        builder.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // Both halves escaped or neither: a lone half cannot be written as UTF-8.
                if (escapeOthers && random.Next(4) == 0)
                {
                    builder.Append(Escape(c)).Append(Escape(text[i + 1]));
                }
                else
                {
                    builder.Append(c).Append(text[i + 1]);
                }

                i++;
                continue;
            }

            builder.Append(c switch
            {
                '"' => random.Next(2) == 0 ? "\\\"" : Escape(c),
                '\\' => random.Next(2) == 0 ? "\\\\" : Escape(c),
                '\n' => random.Next(2) == 0 ? "\\n" : Escape(c),
                '\t' => random.Next(2) == 0 ? "\\t" : Escape(c),
                '\r' => random.Next(2) == 0 ? "\\r" : Escape(c),
                '/' => escapeOthers && random.Next(2) == 0 ? "\\/" : "/",
                < ' ' => Escape(c),
                _ => escapeOthers && random.Next(4) == 0 ? Escape(c) : c.ToString(),
            });
        }

        builder.Append('"');
    }

    private string Escape(char c) =>
        random.Next(2) == 0 ? $"\\u{(int)c:x4}" : $"\\u{(int)c:X4}";

    private void Space(StringBuilder builder) => builder.Append(Pick(Spaces));

    private string Pick(string[] options) => options[random.Next(options.Length)];
}
