using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FakeUpstream;

/// <summary>What every endpoint reads from a request body the same way: the JSON object, common fields, text.</summary>
internal static partial class RequestJson
{
    [GeneratedRegex(@"\S+\s*|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex PieceRegex();

    /// <summary>Parses a body that must be a JSON object; null with OpenAI's error message otherwise.</summary>
    public static JsonDocument? TryParseObject(byte[] body, out string? error)
    {
        error = null;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            error = "We could not parse the JSON body of your request. (" + ex.Message + ")";
            return null;
        }

        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            error = "The request body must be a JSON object.";
            return null;
        }

        return doc;
    }

    public static string String(JsonElement root, string name, string fallback) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? fallback : fallback;

    public static string? StringOrNull(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool IsTrue(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    /// <summary>stream_options.include_usage is true.</summary>
    public static bool IncludeUsage(JsonElement root) =>
        root.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object && IsTrue(so, "include_usage");

    /// <summary>First 12 hex digits of the body's SHA-256: ids that differ per request body.</summary>
    public static string BodyHash(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body))[..12];

    public static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>String content as is; an array of parts gives its text parts joined with "\n".</summary>
    public static string ContentText(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString() ?? "";
            case JsonValueKind.Array:
                var parts = new List<string>();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                    {
                        parts.Add(t.GetString() ?? "");
                    }
                    else if (part.ValueKind == JsonValueKind.String)
                    {
                        parts.Add(part.GetString() ?? "");
                    }
                }

                return string.Join("\n", parts);
            default:
                return "";
        }
    }

    /// <summary>Text split into ~1-word pieces, whitespace kept on the preceding word ("echo: ", "hello ").</summary>
    public static IReadOnlyList<string> Pieces(string content) =>
        PieceRegex().Matches(content).Select(m => m.Value).ToList();
}
