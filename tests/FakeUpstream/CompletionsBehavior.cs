using System.Globalization;
using System.Text.Json;

namespace FakeUpstream;

/// <summary>
/// What a legacy POST /v1/completions request asks for: model, stream flags and its prompts (a string, strings,
/// a token array or token arrays: one choice each), with the <c>[[directive]]</c>s found in the string prompts.
/// </summary>
internal sealed class CompletionsBehavior
{
    private const string InvalidPrompt = "'$.prompt' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";

    public string Model { get; private init; } = ChatBehavior.DefaultModel;
    public bool Stream { get; private init; }
    public bool IncludeUsage { get; private init; }

    /// <summary>Each prompt's text: a string as is, a token array as its ids joined by spaces.</summary>
    public IReadOnlyList<string> Prompts { get; private init; } = [];
    public int PromptTokens { get; private init; }
    public string BodyHash { get; private init; } = "";
    public Directives Directives { get; private init; } = Directives.None;

    /// <summary>Choice <paramref name="index"/>'s text: "echo: " + its prompt, or "w1 ... wN" with [[words=N]].</summary>
    public string Text(int index) => Directives.Content(Prompts[index]);

    public int CompletionTokens => Enumerable.Range(0, Prompts.Count).Sum(i => RequestJson.CountWords(Text(i)));

    public static CompletionsBehavior? TryParse(byte[] body, out string? error)
    {
        using var doc = RequestJson.TryParseObject(body, out error);
        if (doc is null)
        {
            return null;
        }

        var root = doc.RootElement;
        var prompts = new List<(string Text, int Tokens, bool IsString)>();
        if (!root.TryGetProperty("prompt", out var prompt) || !TryReadPrompts(prompt, prompts))
        {
            error = InvalidPrompt;
            return null;
        }

        return new CompletionsBehavior
        {
            Model = RequestJson.String(root, "model", ChatBehavior.DefaultModel),
            Stream = RequestJson.IsTrue(root, "stream"),
            IncludeUsage = RequestJson.IncludeUsage(root),
            Prompts = prompts.Select(p => p.Text).ToList(),
            PromptTokens = prompts.Sum(p => p.Tokens),
            BodyHash = RequestJson.BodyHash(body),
            Directives = Directives.Parse(string.Join("\n", prompts.Where(p => p.IsString).Select(p => p.Text))),
        };
    }

    private static bool TryReadPrompts(JsonElement prompt, List<(string Text, int Tokens, bool IsString)> prompts)
    {
        if (prompt.ValueKind == JsonValueKind.String)
        {
            prompts.Add(FromString(prompt.GetString() ?? ""));
            return true;
        }

        if (prompt.ValueKind != JsonValueKind.Array || prompt.GetArrayLength() == 0)
        {
            return false;
        }

        if (prompt[0].ValueKind == JsonValueKind.Number)
        {
            return TryAddTokens(prompt, prompts);
        }

        foreach (var element in prompt.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                prompts.Add(FromString(element.GetString() ?? ""));
            }
            else if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0 || !TryAddTokens(element, prompts))
            {
                return false;
            }
        }

        return true;
    }

    private static (string, int, bool) FromString(string text) => (text, Math.Max(1, RequestJson.CountWords(text)), true);

    private static bool TryAddTokens(JsonElement array, List<(string Text, int Tokens, bool IsString)> prompts)
    {
        var ids = new List<string>();
        foreach (var id in array.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt32(out var value) || value < 0)
            {
                return false;
            }

            ids.Add(value.ToString(CultureInfo.InvariantCulture));
        }

        prompts.Add((string.Join(" ", ids), ids.Count, false));
        return true;
    }
}
