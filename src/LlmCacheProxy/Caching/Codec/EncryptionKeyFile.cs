using System.Text.Json;

namespace LlmCacheProxy.Caching.Codec;

/// <summary>
/// Reads <c>Cache:Encryption:KeyFile</c>. Two forms, told apart by the first character that is not white space:
/// <code>
/// {"k1":"&lt;base64 of 32 bytes&gt;","k2":"..."}        a JSON object, id -> base64
///
/// # comment                                      or lines "id=base64"; blank lines and # comments skipped
/// k1=&lt;base64 of 32 bytes&gt;
/// </code>
/// Errors name the file and the line or id, never a value.
/// </summary>
internal static class EncryptionKeyFile
{
    public static List<(string Id, string Value)> Read(string path, List<string> errors)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            errors.Add($"Cache:Encryption:KeyFile '{path}' cannot be read ({e.GetType().Name}).");
            return [];
        }

        return text.TrimStart().StartsWith('{') ? ReadJson(path, text, errors) : ReadLines(path, text, errors);
    }

    private static List<(string Id, string Value)> ReadJson(string path, string text, List<string> errors)
    {
        var keys = new List<(string, string)>();
        try
        {
            using var document = JsonDocument.Parse(text);
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.Value.ValueKind != JsonValueKind.String)
                {
                    errors.Add($"Cache:Encryption:KeyFile '{path}': key {member.Name} must be a base64 string.");
                    continue;
                }

                keys.Add((member.Name, member.Value.GetString()!));
            }
        }
        catch (JsonException e)
        {
            // The message of a JsonException can quote the text; only its position is reported.
            errors.Add($"Cache:Encryption:KeyFile '{path}' is not a JSON object of id -> base64 (line {e.LineNumber + 1}).");
        }

        return keys;
    }

    private static List<(string Id, string Value)> ReadLines(string path, string text, List<string> errors)
    {
        var keys = new List<(string, string)>();
        int number = 0;
        foreach (string raw in text.Split('\n'))
        {
            number++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add($"Cache:Encryption:KeyFile '{path}' line {number} is not 'id=base64'.");
                continue;
            }

            keys.Add((line[..equals].Trim(), line[(equals + 1)..].Trim()));
        }

        return keys;
    }
}
