using System.Text.Json;

namespace FakeUpstream;

/// <summary>
/// What a POST /v1/responses request asks for: model, stream/background/store, and the last user text of
/// <c>input</c> (a string, or a list of input items) with the <c>[[directive]]</c>s found in it.
/// </summary>
internal sealed class ResponsesBehavior
{
    public string Model { get; private init; } = ChatBehavior.DefaultModel;
    public bool Stream { get; private init; }
    public bool Background { get; private init; }
    public bool Store { get; private init; } = true;
    public string? Instructions { get; private init; }
    public string? PreviousResponseId { get; private init; }
    public string LastUserText { get; private init; } = "";
    public int InputTokens { get; private init; }
    public string BodyHash { get; private init; } = "";
    public Directives Directives { get; private init; } = Directives.None;

    /// <summary>Output text: "echo: " + last user text, or "w1 w2 ... wN" with [[words=N]].</summary>
    public string Content => Directives.Content(LastUserText);

    public static ResponsesBehavior? TryParse(byte[] body, out string? error)
    {
        using var doc = RequestJson.TryParseObject(body, out error);
        if (doc is null)
        {
            return null;
        }

        var root = doc.RootElement;
        var instructions = RequestJson.StringOrNull(root, "instructions");
        var words = RequestJson.CountWords(instructions ?? "");
        var lastUser = "";
        if (root.TryGetProperty("input", out var input))
        {
            foreach (var (role, text) in InputTexts(input))
            {
                words += RequestJson.CountWords(text);
                lastUser = role == "user" ? text : lastUser;
            }
        }

        return new ResponsesBehavior
        {
            Model = RequestJson.String(root, "model", ChatBehavior.DefaultModel),
            Stream = RequestJson.IsTrue(root, "stream"),
            Background = RequestJson.IsTrue(root, "background"),
            Store = !(root.TryGetProperty("store", out var store) && store.ValueKind == JsonValueKind.False),
            Instructions = instructions,
            PreviousResponseId = RequestJson.StringOrNull(root, "previous_response_id"),
            LastUserText = lastUser,
            InputTokens = words + 5,
            BodyHash = RequestJson.BodyHash(body),
            Directives = Directives.Parse(lastUser),
        };
    }

    /// <summary>
    /// (role, text) of each input: a string input is one user message; of a list, messages (with or without
    /// <c>"type":"message"</c>) give their text parts, <c>function_call_output</c> items their output.
    /// </summary>
    private static IEnumerable<(string Role, string Text)> InputTexts(JsonElement input)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            yield return ("user", input.GetString() ?? "");
            yield break;
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var item in input.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                yield return ("user", item.GetString() ?? "");
            }
            else if (item.ValueKind == JsonValueKind.Object && RequestJson.StringOrNull(item, "role") is { } role)
            {
                yield return (role, item.TryGetProperty("content", out var c) ? RequestJson.ContentText(c) : "");
            }
            else if (item.ValueKind == JsonValueKind.Object && RequestJson.StringOrNull(item, "output") is { } output)
            {
                yield return ("tool", output);
            }
        }
    }
}
