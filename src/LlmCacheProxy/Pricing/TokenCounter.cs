using Microsoft.ML.Tokenizers;

namespace LlmCacheProxy.Pricing;

/// <summary>
/// Counts tokens as OpenAI's models do, with the tiktoken encodings of Microsoft.ML.Tokenizers: <c>o200k_base</c> for the
/// gpt-4o, gpt-4.1, gpt-4.5, gpt-5 and o-series families, <c>cl100k_base</c> for gpt-4, gpt-3.5, the text-embedding models
/// and the legacy completion models. Exact for those; another model has no known tokenizer. An encoding is loaded on its
/// first use (a few MB each) and shared; the tokenizers are safe to call from any thread.
/// </summary>
internal static class TokenCounter
{
    public const string O200kBase = "o200k_base";
    public const string Cl100kBase = "cl100k_base";

    // Longest prefix first where one family's name starts another's ("gpt-4o" before "gpt-4").
    private static readonly (string Prefix, string Encoding)[] Families =
    [
        ("gpt-4o", O200kBase), ("gpt-4.1", O200kBase), ("gpt-4.5", O200kBase), ("chatgpt-4o", O200kBase),
        ("gpt-5", O200kBase), ("gpt-oss", O200kBase), ("o1", O200kBase), ("o3", O200kBase), ("o4", O200kBase),
        ("gpt-4", Cl100kBase), ("gpt-3.5", Cl100kBase), ("text-embedding-3", Cl100kBase),
        ("text-embedding-ada-002", Cl100kBase), ("davinci-002", Cl100kBase), ("babbage-002", Cl100kBase),
    ];

    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding(O200kBase));
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding(Cl100kBase));

    /// <summary>The encoding of a model (lowercase; a <c>provider/</c> prefix is ignored), or null when it is not an OpenAI model.</summary>
    public static string? EncodingFor(string model)
    {
        var name = model.AsSpan(model.LastIndexOf('/') + 1);
        foreach (var (prefix, encoding) in Families)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return encoding;
            }
        }

        return null;
    }

    /// <summary>The exact token count of <paramref name="text"/> for <paramref name="model"/>; false when its tokenizer is unknown.</summary>
    public static bool TryCount(string model, string text, out int tokens)
    {
        tokens = 0;
        if (EncodingFor(model) is not { } encoding)
        {
            return false;
        }

        tokens = Count(encoding, text);
        return true;
    }

    /// <summary>The model's count when its tokenizer is known, else the <c>o200k_base</c> count as an estimate.</summary>
    public static int Estimate(string model, string text) => Count(EncodingFor(model) ?? O200kBase, text);

    private static int Count(string encoding, string text) =>
        text.Length == 0 ? 0 : (encoding == Cl100kBase ? Cl100k : O200k).Value.CountTokens(text);
}
