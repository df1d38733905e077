using System.Text;
using System.Text.RegularExpressions;

namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// Splits a question into <see cref="FactToken"/>s. First the spans that are compared literally
/// (``` fences, `backticks`, "double", 'single' and curly quotes, URLs and e-mail addresses), then
/// whitespace-separated runs, each stripped of surrounding punctuation (which becomes a clause or
/// sentence end) and classified by <see cref="FactClassifier"/>; <see cref="FactTokenMerger"/> then
/// joins numbers with their units, number words and dates.
/// </summary>
internal static partial class FactTokenizer
{
    private const string TrailingPunctuation = ")]},;:!?.…'’\"”*";

    [GeneratedRegex(@"\G(?:(?:https?|ftp)://|www\.)[^\s<>""`]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UrlAt();

    [GeneratedRegex(@"\G[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailAt();

    public static List<FactToken> Tokenize(string text)
    {
        var tokens = new List<FactToken>();
        var sentenceStart = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                EndWith(tokens, FactTokenKind.SentenceEnd);
                sentenceStart = true;
                i++;
            }
            else if (char.IsWhiteSpace(c) || c is '(' or '[' or '{' || IsListMarker(text, i))
            {
                i++;
            }
            else if (TryLiteralSpan(text, ref i, tokens))
            {
                sentenceStart = false;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('"' or '“' or '”' or '`' or '«' or '»'))
                {
                    i++;
                }

                if (i == start)
                {
                    i++; // a quote that opened nothing
                    continue;
                }

                AddRun(text[start..i], tokens, ref sentenceStart);
            }
        }

        return FactTokenMerger.Merge(tokens);
    }

    // "- item", "* item", "> quoted", "**Bold**" at a line start: markup, not an operator.
    private static bool IsListMarker(string text, int i) =>
        text[i] is '*' or '>' or '-' or '•' && IsLineStart(text, i) &&
        (text[i] == '*' || i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]));

    private static bool IsLineStart(string text, int i)
    {
        for (var j = i - 1; j >= 0; j--)
        {
            if (text[j] == '\n')
            {
                return true;
            }

            if (!char.IsWhiteSpace(text[j]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryLiteralSpan(string text, ref int i, List<FactToken> tokens)
    {
        var c = text[i];
        if (c == '`')
        {
            var fence = text.AsSpan(i).StartsWith("```");
            var open = fence ? 3 : 1;
            var close = text.IndexOf(fence ? "```" : "`", i + open, StringComparison.Ordinal);
            var end = close < 0 ? text.Length : close;
            var content = text[(i + open)..end];
            i = close < 0 ? text.Length : close + open;
            if (fence)
            {
                tokens.Add(new FactToken(FactTokenKind.Quoted, "```" + Collapse(content)));
            }
            else
            {
                // `inline code`: every part is an identifier that the other question must also name.
                foreach (var part in content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                {
                    tokens.Add(new FactToken(FactTokenKind.Identifier, part.TrimEnd('(', ')').ToLowerInvariant()));
                }
            }

            return true;
        }

        if (c is '"' or '“' or '”' or '«' || c is '\'' or '‘' && IsQuoteOpener(text, i))
        {
            var closers = c switch { '“' => "”\"", '«' => "»", '‘' => "’'", '\'' => "'’", _ => "\"”" };
            var close = FindCloser(text, i + 1, closers, single: c is '\'' or '‘');
            if (close < 0 || close == i + 1)
            {
                return false;
            }

            tokens.Add(new FactToken(FactTokenKind.Quoted, Collapse(text[(i + 1)..close])));
            i = close + 1;
            return true;
        }

        var url = UrlAt().Match(text, i);
        if (!url.Success)
        {
            url = EmailAt().Match(text, i);
        }

        if (url.Success)
        {
            var value = url.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '>');
            i += value.Length;
            tokens.Add(new FactToken(FactTokenKind.Url, CanonicalUrl(value)));
            return true;
        }

        return false;
    }

    // An apostrophe opens a quotation only at a word start, and only if a matching one closes it
    // before the line ends at a word end ("the 'users' table", not "don't" or "users' table").
    private static bool IsQuoteOpener(string text, int i) =>
        (i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '(' or '[' or '=' or ':') &&
        i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]);

    private static int FindCloser(string text, int from, string closers, bool single)
    {
        for (var j = from; j < text.Length; j++)
        {
            if (text[j] == '\n')
            {
                return -1;
            }

            if (closers.Contains(text[j]) && (!single || j + 1 == text.Length || !char.IsLetterOrDigit(text[j + 1])) &&
                !char.IsWhiteSpace(text[j - 1]))
            {
                return j;
            }
        }

        return -1;
    }

    private static void AddRun(string run, List<FactToken> tokens, ref bool sentenceStart)
    {
        var core = run;
        var boundary = (FactTokenKind?)null;
        var colon = false;
        while (core.Length > 0 && TrailingPunctuation.Contains(core[^1]) && !core.EndsWith("()", StringComparison.Ordinal) &&
            core.Any(c => c != '*'))
        {
            var last = core[^1];
            core = core[..^1];
            if (last is '.' && FactLexicon.Abbreviations.Contains(core.ToLowerInvariant()))
            {
                break;
            }

            if (last is '.' or '?' or '!' or '…')
            {
                boundary = FactTokenKind.SentenceEnd;
            }
            else if (last is ',' or ';' or ':')
            {
                boundary ??= FactTokenKind.ClauseEnd;
                colon |= last == ':';
            }
        }

        core = core.Any(c => c != '*') ? core.TrimStart('(', '[', '{', '\'', '‘', '’', '*') : core; // "**bold**", but "2 * 3"
        if (core.Length > 0)
        {
            var before = tokens.Count;
            FactClassifier.Classify(core, sentenceStart, tokens);
            sentenceStart &= tokens.Count == before;
        }

        if (boundary is { } kind)
        {
            EndWith(tokens, kind);
            // After "Question:" a capital starts a sentence again, it does not mark a name.
            sentenceStart |= kind == FactTokenKind.SentenceEnd || colon;
        }
    }

    private static void EndWith(List<FactToken> tokens, FactTokenKind kind)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        if (tokens[^1].IsBoundary)
        {
            if (kind == FactTokenKind.SentenceEnd)
            {
                tokens[^1] = new FactToken(kind, "");
            }

            return;
        }

        tokens.Add(new FactToken(kind, ""));
    }

    private static string Collapse(string content)
    {
        var builder = new StringBuilder(content.Length);
        foreach (var part in content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(builder.Length == 0 ? "" : " ").Append(part);
        }

        return builder.ToString();
    }

    // Scheme and host are case-insensitive, the path is not; a trailing slash says nothing.
    private static string CanonicalUrl(string url)
    {
        var lower = url.Contains('@') && !url.Contains("://", StringComparison.Ordinal) ? url.ToLowerInvariant() : url;
        if (Uri.TryCreate(lower.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "http://" + lower : lower, UriKind.Absolute, out var uri) &&
            uri.Scheme is "http" or "https" or "ftp")
        {
            var path = uri.PathAndQuery == "/" ? "" : uri.PathAndQuery.TrimEnd('/');
            return uri.Host.ToLowerInvariant() + (uri.IsDefaultPort ? "" : ":" + uri.Port) + path + uri.Fragment;
        }

        return lower.TrimEnd('/');
    }
}
