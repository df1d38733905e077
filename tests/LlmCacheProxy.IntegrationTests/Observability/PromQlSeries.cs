using System.Text;
using System.Text.RegularExpressions;

namespace LlmCacheProxy.IntegrationTests.Observability;

/// <summary>
/// The metric names a PromQL expression reads: identifiers that are not functions, aggregation keywords, label
/// lists (<c>by (...)</c>) or inside label matchers, ranges and strings. Enough for the queries we ship; not a parser.
/// </summary>
internal static partial class PromQlSeries
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
        "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group",
        "inf", "nan",
    };

    private static readonly HashSet<string> LabelLists = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    public static IEnumerable<string> In(string expression)
    {
        string text = Strip(expression);
        var tokens = Token().Matches(text).Select(m => m.Value).ToArray();
        for (int i = 0; i < tokens.Length; i++)
        {
            string token = tokens[i];
            if (LabelLists.Contains(token) && i + 1 < tokens.Length && tokens[i + 1] == "(")
            {
                while (i < tokens.Length && tokens[i] != ")")
                {
                    i++;
                }

                continue;
            }

            bool identifier = char.IsLetter(token[0]) || token[0] == '_';
            bool call = i + 1 < tokens.Length && tokens[i + 1] == "(";
            if (identifier && !call && !Keywords.Contains(token))
            {
                yield return token;
            }
        }
    }

    /// <summary>Drops strings, label matchers <c>{...}</c> and ranges <c>[...]</c>, which name labels and durations.</summary>
    private static string Strip(string expression)
    {
        var kept = new StringBuilder(expression.Length);
        char? close = null;
        char quote = '\0';
        foreach (char c in expression)
        {
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                continue;
            }

            if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (close is null && c is '{' or '[')
            {
                close = c == '{' ? '}' : ']';
            }
            else if (close == c)
            {
                close = null;
                kept.Append(' ');
            }
            else if (close is null)
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    [GeneratedRegex(@"[A-Za-z_:][A-Za-z0-9_:]*|[0-9.]+|\S")]
    private static partial Regex Token();
}
