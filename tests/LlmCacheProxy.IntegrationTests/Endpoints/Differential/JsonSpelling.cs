using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LlmCacheProxy.IntegrationTests.Endpoints.Differential;

/// <summary>
/// Writes a JSON tree as one of the many texts that mean the same to a JSON parser: members in a random order, random
/// whitespace, and about one character in eight of strings and names written as a <c>\uXXXX</c> escape. Numbers are
/// written as given (their forms are keyed as the key tests pin; upstream must still read token ids as integers).
/// </summary>
internal sealed class JsonSpelling(Random random)
{
    private static readonly string[] Spaces = ["", "", "", " ", "\n", "\t", "\r\n  "];

    public string Render(JsonNode node)
    {
        var builder = new StringBuilder();
        Write(node, builder);
        return builder.ToString();
    }

    private void Write(JsonNode? node, StringBuilder builder)
    {
        builder.Append(Space());
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                var members = obj.ToList();
                random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(members));
                builder.Append('{');
                for (int i = 0; i < members.Count; i++)
                {
                    builder.Append(i > 0 ? "," : "").Append(Space());
                    WriteString(members[i].Key, builder);
                    builder.Append(Space()).Append(':');
                    Write(members[i].Value, builder);
                }

                builder.Append(Space()).Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    builder.Append(i > 0 ? "," : "");
                    Write(array[i], builder);
                }

                builder.Append(Space()).Append(']');
                break;
            default:
                var value = node.AsValue();
                if (value.GetValueKind() == JsonValueKind.String)
                {
                    WriteString(value.GetValue<string>(), builder);
                }
                else
                {
                    builder.Append(value.ToJsonString());
                }

                break;
        }

        builder.Append(Space());
    }

    private void WriteString(string text, StringBuilder builder)
    {
        builder.Append('"');
        foreach (char c in text)
        {
            bool required = c is '"' or '\\' or < ' ';
            builder.Append(required || (!char.IsSurrogate(c) && random.Next(8) == 0) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        builder.Append('"');
    }

    private string Space() => Spaces[random.Next(Spaces.Length)];
}
