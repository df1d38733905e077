using System.Globalization;

namespace FakeUpstream;

/// <summary>One input of an embeddings request: a string or a token array.</summary>
/// <param name="Seed">What the vector is derived from: "text:" + the string, or "tokens:" + the ids joined by ",".</param>
/// <param name="Tokens">Its prompt token count: words of a string (at least 1), ids of a token array.</param>
/// <param name="Text">The string, or null for a token array.</param>
internal sealed record EmbeddingItem(string Seed, int Tokens, string? Text)
{
    public static EmbeddingItem FromText(string text) =>
        new("text:" + text, Math.Max(1, RequestJson.CountWords(text)), text);

    public static EmbeddingItem FromTokens(IReadOnlyList<int> ids) =>
        new("tokens:" + string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture))), ids.Count, null);
}
