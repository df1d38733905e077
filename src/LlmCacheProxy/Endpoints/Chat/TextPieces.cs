namespace LlmCacheProxy.Endpoints.Chat;

/// <summary>
/// Splits text into stream-sized pieces: a piece ends after whitespace once it holds <c>target</c> characters,
/// or at <c>4 × target</c> for text without spaces (never between the halves of a surrogate pair).
/// Joined, the pieces give the text back exactly.
/// </summary>
internal static class TextPieces
{
    public const int DefaultTarget = 24;

    public static IEnumerable<string> Split(string text, int target = DefaultTarget)
    {
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int length = i - start + 1;
            bool atSpace = char.IsWhiteSpace(text[i]) && (i + 1 == text.Length || !char.IsWhiteSpace(text[i + 1]));
            bool cut = (length >= target && atSpace) || (length >= target * 4 && !char.IsHighSurrogate(text[i]));
            if (cut)
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
