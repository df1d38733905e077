using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FakeUpstream;

/// <summary>
/// What a chat completion request asks for: model, stream flags, the last user text and the
/// <c>[[directive]]</c>s found in it.
/// </summary>
internal sealed partial class ChatBehavior
{
    public const string DefaultModel = "gpt-fake";

    public string Model { get; private init; } = DefaultModel;
    public bool Stream { get; private init; }
    public bool IncludeUsage { get; private init; }
    public string LastUserText { get; private init; } = "";
    public int PromptTokens { get; private init; }
    public string BodyHash { get; private init; } = "";

    public int? Status { get; private set; }
    public int DelayMs { get; private set; }
    public bool Tool { get; private set; }
    public bool Abort { get; private set; }
    public int? Words { get; private set; }
    public decimal? Cost { get; private set; }
    public int ChunkDelayMs { get; private set; }
    public bool NoDone { get; private set; }
    public bool StreamError { get; private set; }

    /// <summary>Assistant text: "echo: " + last user text, or "w1 w2 ... wN" with [[words=N]].</summary>
    public string Content => Words is { } n ? WordList(n) : "echo: " + LastUserText;

    [GeneratedRegex(@"\[\[([A-Za-z][A-Za-z-]*)(?:=([^\]]*))?\]\]", RegexOptions.CultureInvariant)]
    private static partial Regex DirectiveRegex();

    /// <summary>Parses a request body; returns null with an error message when it is not a JSON object.</summary>
    public static ChatBehavior? TryParse(byte[] body, out string? error)
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

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "The request body must be a JSON object.";
                return null;
            }

            var lastUser = "";
            var words = 0;
            if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
            {
                foreach (var m in messages.EnumerateArray())
                {
                    if (m.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var text = m.TryGetProperty("content", out var c) ? ContentText(c) : "";
                    words += CountWords(text);
                    if (m.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String && role.GetString() == "user")
                    {
                        lastUser = text;
                    }
                }
            }

            var behavior = new ChatBehavior
            {
                Model = root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String
                    ? model.GetString() ?? DefaultModel
                    : DefaultModel,
                Stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True,
                IncludeUsage = root.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object
                    && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True,
                LastUserText = lastUser,
                PromptTokens = words + 5,
                BodyHash = Convert.ToHexStringLower(SHA256.HashData(body))[..12],
            };
            behavior.ApplyDirectives(lastUser);
            return behavior;
        }
    }

    public static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>String content as is; an array of parts gives its text parts joined with "\n".</summary>
    private static string ContentText(JsonElement content)
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

    private void ApplyDirectives(string text)
    {
        foreach (Match m in DirectiveRegex().Matches(text))
        {
            var name = m.Groups[1].Value.ToLowerInvariant();
            var value = m.Groups[2].Success ? m.Groups[2].Value.Trim() : null;
            switch (name)
            {
                case "status" when TryInt(value, out var code) && code is >= 100 and <= 999:
                    Status = code;
                    break;
                case "delay" when TryInt(value, out var ms) && ms >= 0:
                    DelayMs = ms;
                    break;
                case "tool":
                    Tool = true;
                    break;
                case "abort":
                    Abort = true;
                    break;
                case "words" when TryInt(value, out var n) && n >= 0:
                    Words = n;
                    break;
                case "cost" when decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var cost):
                    Cost = cost;
                    break;
                case "chunk-delay" when TryInt(value, out var cd) && cd >= 0:
                    ChunkDelayMs = cd;
                    break;
                case "no-done":
                    NoDone = true;
                    break;
                case "stream-error":
                    StreamError = true;
                    break;
            }
        }
    }

    private static bool TryInt(string? value, out int result) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);

    private static string WordList(int n)
    {
        var sb = new StringBuilder(n * 6);
        for (var i = 1; i <= n; i++)
        {
            if (i > 1)
            {
                sb.Append(' ');
            }

            sb.Append('w').Append(i.ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
