using System.Text.Json;

namespace FakeUpstream;

/// <summary>
/// What a chat completion request asks for: model, stream flags, the last user text and the
/// <c>[[directive]]</c>s found in it.
/// </summary>
internal sealed class ChatBehavior
{
    public const string DefaultModel = "gpt-fake";

    public string Model { get; private init; } = DefaultModel;
    public bool Stream { get; private init; }
    public bool IncludeUsage { get; private init; }
    public string LastUserText { get; private init; } = "";
    public int PromptTokens { get; private init; }
    public string BodyHash { get; private init; } = "";
    public Directives Directives { get; private init; } = Directives.None;

    /// <summary>Assistant text: "echo: " + last user text, or "w1 w2 ... wN" with [[words=N]].</summary>
    public string Content => Directives.Content(LastUserText);

    /// <summary>Whether the stream ends with a usage chunk ([[stream-usage-absent]] drops it even when asked).</summary>
    public bool SendsUsageChunk => IncludeUsage && !Directives.StreamUsageAbsent;

    /// <summary>Whether every stream chunk carries <c>"usage": null</c>, as OpenAI does when include_usage is on.</summary>
    public bool SendsNullUsage => SendsUsageChunk || Directives.StreamUsageNull;

    /// <summary>Parses a request body; returns null with an error message when it is not a JSON object.</summary>
    public static ChatBehavior? TryParse(byte[] body, out string? error)
    {
        using var doc = RequestJson.TryParseObject(body, out error);
        if (doc is null)
        {
            return null;
        }

        var root = doc.RootElement;
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

                var text = m.TryGetProperty("content", out var c) ? RequestJson.ContentText(c) : "";
                words += RequestJson.CountWords(text);
                if (RequestJson.StringOrNull(m, "role") == "user")
                {
                    lastUser = text;
                }
            }
        }

        return new ChatBehavior
        {
            Model = RequestJson.String(root, "model", DefaultModel),
            Stream = RequestJson.IsTrue(root, "stream"),
            IncludeUsage = RequestJson.IncludeUsage(root),
            LastUserText = lastUser,
            PromptTokens = words + 5,
            BodyHash = RequestJson.BodyHash(body),
            Directives = Directives.Parse(lastUser),
        };
    }
}
