using System.Globalization;

namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// Second pass over the tokens: numbers written as words ("twenty five", "two hundred", "5 million"),
/// a unit after its number ("5 km", "10 seconds", "3 pm"), and calendar dates in any common order
/// ("May 1, 2024", "1 May 2024", "1st of May 2024" all become "2024-05-01"; a lone year becomes
/// "2024"), and arithmetic ("2 + 2" = "2+2"). Format of a merged date: yyyy-mm-dd, --mm-dd (no year), yyyy-mm (no day), month:mm.
/// </summary>
internal static class FactTokenMerger
{
    public static List<FactToken> Merge(List<FactToken> tokens) =>
        MergeExpressions(MergeDates(MergeUnits(MergeNumberWords(MergeAliasPairs(tokens)))));

    // Operators written as words between two numbers.
    private static readonly (string[] Words, string Symbol)[] OperatorWords =
    [
        (["to", "the", "power", "of"], "^"), (["divided", "by"], "/"), (["multiplied", "by"], "*"), (["times"], "*"),
        (["plus"], "+"), (["minus"], "-"), (["mod"], "%"), (["modulo"], "%"),
    ];

    // "2^10", "2 ^ 10", "2 to the power of 10" and "10 divided by 2" become one number-kind token
    // ("2^10", "10/2"): operands keep their order, so 10/2 and 2/10 differ, and an expression is one
    // side of a comparison.
    private static List<FactToken> MergeExpressions(List<FactToken> tokens)
    {
        var result = new List<FactToken>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var j = i;
            var text = new System.Text.StringBuilder();
            while (FactNumbers.TryValue(tokens[j], out _) && OperatorAt(tokens, j + 1) is var (symbol, length) && length > 0 &&
                j + 1 + length < tokens.Count && FactNumbers.TryValue(tokens[j + 1 + length], out _))
            {
                text.Append(j == i ? tokens[j].Text : "").Append(symbol).Append(tokens[j + 1 + length].Text);
                j += 1 + length;
            }

            if (j > i)
            {
                result.Add(new FactToken(FactTokenKind.Number, text.ToString()));
                i = j;
            }
            else
            {
                result.Add(tokens[i]);
            }
        }

        return result;
    }

    private static (string Symbol, int Length) OperatorAt(List<FactToken> tokens, int at)
    {
        if (at >= tokens.Count)
        {
            return ("", 0);
        }

        if (tokens[at].Kind == FactTokenKind.Operator)
        {
            return (tokens[at].Text is "×" ? "*" : tokens[at].Text is "÷" ? "/" : tokens[at].Text is "**" ? "^" : tokens[at].Text, 1);
        }

        foreach (var (words, symbol) in OperatorWords)
        {
            var matches = at + words.Length <= tokens.Count;
            for (var k = 0; matches && k < words.Length; k++)
            {
                matches = tokens[at + k].Kind == FactTokenKind.Word && tokens[at + k].Text == words[k];
            }

            if (matches)
            {
                return (symbol, words.Length);
            }
        }

        return ("", 0);
    }

    // "VS Code" -> vscode, "GitHub Actions" -> github-actions: one name, however it is spelled.
    private static List<FactToken> MergeAliasPairs(List<FactToken> tokens)
    {
        var result = new List<FactToken>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i + 1 < tokens.Count && tokens[i].Kind is FactTokenKind.Word or FactTokenKind.Identifier &&
                tokens[i + 1].Kind is FactTokenKind.Word or FactTokenKind.Identifier &&
                FactAliases.FoldPair(tokens[i].Text, tokens[i + 1].Text) is { } alias)
            {
                result.Add(new FactToken(FactTokenKind.Identifier, alias));
                i++;
            }
            else
            {
                result.Add(tokens[i]);
            }
        }

        return result;
    }

    private static List<FactToken> MergeNumberWords(List<FactToken> tokens)
    {
        var result = new List<FactToken>(tokens.Count);
        for (var i = 0; i < tokens.Count;)
        {
            if (TryReadNumberWords(tokens, i, out var value, out var next))
            {
                result.Add(new FactToken(FactTokenKind.Number, FactNumbers.Format(value)));
                i = next;
            }
            else
            {
                result.Add(tokens[i++]);
            }
        }

        return result;
    }

    private static bool TryReadNumberWords(List<FactToken> tokens, int start, out decimal value, out int next)
    {
        decimal total = 0, current = 0;
        var words = 0;
        var lastTens = false;
        var j = start;
        if (IsWord(tokens, j, "a") && (ScaleAt(tokens, j + 1) is not null || IsWord(tokens, j + 1, "dozen")))
        {
            current = 1; // "a hundred", "a dozen"
            j++;
        }
        else if (FactNumbers.TryValue(tokens[j], out var digits) && ScaleAt(tokens, j + 1) is not null)
        {
            current = digits; // "5 million"
            j++;
        }

        while (j < tokens.Count)
        {
            if (ScaleAt(tokens, j) is { } scale && (current != 0 || total != 0))
            {
                if (scale == 100)
                {
                    current *= 100;
                }
                else
                {
                    total += current * scale;
                    current = 0;
                }

                lastTens = false;
            }
            else if (WordNumber(tokens, j) is { } n)
            {
                if (tokens[j].Text == "dozen")
                {
                    current = (current == 0 ? 1 : current) * 12; // "a dozen", "two dozen"
                }
                else if (current == 0 || lastTens && n < 10 || current % 100 == 0 && n < 100 && words > 0)
                {
                    current += n; // "twenty five", "two hundred five"
                }
                else
                {
                    break; // "two three": two numbers
                }

                lastTens = n >= 20 && n < 100 && n % 10 == 0;
            }
            else if (IsWord(tokens, j, "and") && words > 0 && WordNumber(tokens, j + 1) is not null && current % 100 == 0)
            {
                // "two hundred and five"
            }
            else
            {
                break;
            }

            words++;
            j++;
        }

        value = total + current;
        next = j;
        return words > 0;
    }

    private static decimal? WordNumber(List<FactToken> tokens, int j)
    {
        if (j >= tokens.Count || tokens[j].Kind != FactTokenKind.Word)
        {
            return null;
        }

        var text = tokens[j].Text;
        var dash = text.IndexOf('-');
        if (dash > 0 && FactCalendar.NumberWord(text[..dash]) is { } tens && FactCalendar.NumberWord(text[(dash + 1)..]) is { } ones)
        {
            return tens + ones; // twenty-five
        }

        return FactCalendar.NumberWord(text);
    }

    private static decimal? ScaleAt(List<FactToken> tokens, int j) =>
        j < tokens.Count && tokens[j].Kind == FactTokenKind.Word ? FactUnits.ScaleWord(tokens[j].Text) : null;

    private static bool IsWord(List<FactToken> tokens, int j, string text) =>
        j < tokens.Count && tokens[j].Kind == FactTokenKind.Word && tokens[j].Text == text;

    private static List<FactToken> MergeUnits(List<FactToken> tokens)
    {
        var result = new List<FactToken>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var plain = FactNumbers.TryValue(token, out var value);
            var next = i + 1 < tokens.Count && tokens[i + 1].Kind == FactTokenKind.Word ? tokens[i + 1].Text : null;
            if (plain && next is "am" or "pm" && value is >= 1 and <= 12 && value == Math.Floor(value))
            {
                var hour = FactClassifier.Hour24((int)value, next);
                result.Add(new FactToken(FactTokenKind.Date, hour.ToString("D2", CultureInfo.InvariantCulture) + ":00"));
                i++;
            }
            else if (plain && next is "degree" or "degrees" or "deg" && i + 2 < tokens.Count &&
                FactUnits.Find(tokens[i + 2].Text, glued: false) is "°c" or "°f" or "kelvin")
            {
                result.Add(new FactToken(FactTokenKind.Number, token.Text + " " + FactUnits.Find(tokens[i + 2].Text, glued: false)));
                i += 2;
            }
            else if (plain && next is not null && FactUnits.Find(next, glued: false) is { } unit)
            {
                result.Add(new FactToken(FactTokenKind.Number, token.Text + " " + unit));
                i++;
            }
            else
            {
                result.Add(token);
            }
        }

        return result;
    }

    private static List<FactToken> MergeDates(List<FactToken> tokens)
    {
        var result = new List<FactToken>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == FactTokenKind.Date && token.Text.StartsWith("month:", StringComparison.Ordinal))
            {
                var month = token.Text[6..];
                int? day = null, year = null;
                // Day before: "1 May", "1st of May".
                var back = result.Count > 1 && result[^1].Kind == FactTokenKind.Word && result[^1].Text == "of" ? 2 : 1;
                if (result.Count >= back && Day(result[^back]) is { } before)
                {
                    day = before;
                    result.RemoveRange(result.Count - back, back);
                }

                // Day after: "May 1", "May 1st"; then the year: "May 1, 2024", "May 2024".
                if (day is null && i + 1 < tokens.Count && Day(tokens[i + 1]) is { } after)
                {
                    day = after;
                    i++;
                }

                var y = i + 1 < tokens.Count && tokens[i + 1].Kind == FactTokenKind.ClauseEnd ? i + 2 : i + 1;
                if (y < tokens.Count && Year(tokens[y]) is { } found)
                {
                    year = found;
                    i = y;
                }

                var text = (year, day) switch
                {
                    ({ } yy, { } dd) => FormattableString.Invariant($"{yy:D4}-{month}-{dd:D2}"),
                    (null, { } dd) => FormattableString.Invariant($"--{month}-{dd:D2}"),
                    ({ } yy, null) => FormattableString.Invariant($"{yy:D4}-{month}"),
                    _ => token.Text,
                };
                result.Add(new FactToken(FactTokenKind.Date, text));
            }
            else if (Year(token) is { } lone)
            {
                result.Add(new FactToken(FactTokenKind.Date, lone.ToString(CultureInfo.InvariantCulture)));
            }
            else
            {
                result.Add(token);
            }
        }

        return result;
    }

    private static int? Day(FactToken token)
    {
        if (token.Kind != FactTokenKind.Number)
        {
            return null;
        }

        var text = token.Text.StartsWith("ord:", StringComparison.Ordinal) ? token.Text[4..] : token.Text;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31 ? day : null;
    }

    // A plain four-digit number from 1900 to 2100 is read as a year.
    private static int? Year(FactToken token) =>
        token.Kind == FactTokenKind.Number && token.Text.Length == 4 &&
        int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2100
            ? year
            : null;
}
