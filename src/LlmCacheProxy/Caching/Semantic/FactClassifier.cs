using System.Globalization;
using System.Text.RegularExpressions;

namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// Classifies one punctuation-stripped run of a question: a date or time, a number, an arithmetic
/// expression, an operator, a code identifier (by its shape) or a word. Identifiers and words are
/// lower-cased: "JavaScript" and "javascript" name the same thing; `get_user` and `getUser` do not.
/// </summary>
internal static partial class FactClassifier
{
    private static readonly string[] Operators = ["->", "=>", "→", "-", "/", "÷", "^", "**", "*", "+", "=", "<", ">", "<=", ">=", "×"];

    [GeneratedRegex(@"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]\d{1,2}:\d{2}.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex SlashDate();

    [GeneratedRegex(@"^(\d{1,2}):(\d{2})(:\d{2})?([ap]m)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"^(\d{1,2})([ap]m)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex HourAmPm();

    [GeneratedRegex(@"^[Qq][1-4]$", RegexOptions.CultureInvariant)]
    private static partial Regex Quarter();

    [GeneratedRegex(@"(\*\*|[+*/^×÷=<>]|(?<=\d)-)", RegexOptions.CultureInvariant)]
    private static partial Regex ExpressionSplit();

    [GeneratedRegex(@"[A-Za-z0-9]\.[A-Za-z0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex Dotted();

    [GeneratedRegex(@"^[A-Z]{2,}s$", RegexOptions.CultureInvariant)]
    private static partial Regex PluralAcronym();

    public static void Classify(string core, bool sentenceStart, List<FactToken> tokens)
    {
        if (TryDate(core, out var date))
        {
            tokens.Add(new FactToken(FactTokenKind.Date, date));
            return;
        }

        if (FactNumbers.TryParse(core, out var number))
        {
            tokens.Add(new FactToken(FactTokenKind.Number, number));
            return;
        }

        if (TryExpression(core, tokens))
        {
            return;
        }

        if (!core.Any(char.IsLetter))
        {
            if (Operators.Contains(core))
            {
                tokens.Add(new FactToken(FactTokenKind.Operator, core));
            }
            else if (core.Any(char.IsDigit))
            {
                tokens.Add(new FactToken(FactTokenKind.Identifier, core)); // 1.2.3, 10.0.0.1
            }

            return;
        }

        var word = core.Replace('’', '\'');
        var apostrophe = word.IndexOf('\'');
        if (apostrophe > 0 && !word.EndsWith("n't", StringComparison.OrdinalIgnoreCase))
        {
            word = word[..apostrophe]; // Python's, it's, we're, I'd
        }

        if (IsIdentifier(word, out var identifier))
        {
            tokens.Add(new FactToken(FactTokenKind.Identifier, FactAliases.Fold(identifier)));
            return;
        }

        if (word.Contains('/'))
        {
            foreach (var part in word.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                Classify(part, sentenceStart: false, tokens); // TCP/IP, and/or, client/server
            }

            return;
        }

        var lower = word.ToLowerInvariant();
        var startsWithMay = sentenceStart && lower == "may";
        if (!startsWithMay && FactCalendar.Month(word) is { } month)
        {
            tokens.Add(new FactToken(FactTokenKind.Date, "month:" + month.ToString("D2", CultureInfo.InvariantCulture)));
        }
        else if (FactCalendar.Day(lower) is { } day)
        {
            tokens.Add(new FactToken(FactTokenKind.Date, day));
        }
        else if (FactCalendar.OrdinalWord(lower) is { } ordinal)
        {
            tokens.Add(new FactToken(FactTokenKind.Number, "ord:" + ordinal.ToString(CultureInfo.InvariantCulture)));
        }
        else
        {
            tokens.Add(new FactToken(FactTokenKind.Word, FactAliases.Fold(lower), IsName(word, lower, sentenceStart)));
        }
    }

    // A capital that does not start a sentence marks a name; an acronym (JSON, AWS) is one anywhere.
    private static bool IsName(string word, string lower, bool sentenceStart)
    {
        if (FactLexicon.Stopwords.Contains(lower) || FactLexicon.Negations.Contains(lower) || !char.IsLetter(word[0]))
        {
            return false;
        }

        var letters = word.Count(char.IsLetter);
        if (letters >= 2 && word.Where(char.IsLetter).All(char.IsUpper))
        {
            return true;
        }

        return char.IsUpper(word[0]) && !sentenceStart;
    }

    private static bool IsIdentifier(string word, out string identifier)
    {
        identifier = word.ToLowerInvariant();
        var paren = word.IndexOf('(');
        if (paren > 0)
        {
            identifier = word[..paren].ToLowerInvariant(); // len(), print(x)
            return true;
        }

        var hasLetter = word.Any(char.IsLetter);
        var hasDigit = word.Any(char.IsDigit);
        var slashes = word.Count(c => c is '/' or '\\');
        return word.Length > 1 && (
            word[0] == '-' && char.IsLetter(word.TrimStart('-').FirstOrDefault()) ||  // -rf, --force
            word[0] is '@' or '$' or '#' or '.' && word.Length > 1 && char.IsLetter(word[1]) || // @Override, $HOME, .NET
            word.Contains('_') ||
            word.Contains("::", StringComparison.Ordinal) || word.Contains("->", StringComparison.Ordinal) ||
            word.IndexOfAny(['=', '<', '>', '\\', ':']) >= 0 ||
            Dotted().IsMatch(word) && !FactLexicon.Abbreviations.Contains(identifier) ||
            slashes > 0 && (word[0] is '/' or '~' or '.' || slashes > 1 || word.Contains('.')) ||
            hasLetter && hasDigit ||
            HasInnerCapital(word) && !PluralAcronym().IsMatch(word));
    }

    // getUser, JavaScript, iOS, GitHub; not JSON (no lower case) and not Python (capital first only).
    private static bool HasInnerCapital(string word)
    {
        if (!word.Any(char.IsLower))
        {
            return false;
        }

        for (var i = 1; i < word.Length; i++)
        {
            if (char.IsUpper(word[i]) && char.IsLetter(word[i - 1]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryExpression(string core, List<FactToken> tokens)
    {
        if (!core.Any(char.IsDigit))
        {
            return false;
        }

        var parts = ExpressionSplit().Split(core);
        if (parts.Length < 3)
        {
            return false;
        }

        var parsed = new List<FactToken>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1)
            {
                parsed.Add(new FactToken(FactTokenKind.Operator, parts[i]));
            }
            else if (FactNumbers.TryParse(parts[i], out var number))
            {
                parsed.Add(new FactToken(FactTokenKind.Number, number));
            }
            else
            {
                return false;
            }
        }

        tokens.AddRange(parsed);
        return true;
    }

    private static bool TryDate(string core, out string date)
    {
        date = "";
        if (!char.IsDigit(core[0]) && core[0] is not ('Q' or 'q'))
        {
            return false;
        }

        static int N(Group g) => int.Parse(g.Value, CultureInfo.InvariantCulture);
        Match m;
        if ((m = IsoDate().Match(core)).Success)
        {
            date = FormattableString.Invariant($"{N(m.Groups[1]):D4}-{N(m.Groups[2]):D2}-{N(m.Groups[3]):D2}");
        }
        else if ((m = SlashDate().Match(core)).Success)
        {
            date = FormattableString.Invariant($"{N(m.Groups[1]):D2}/{N(m.Groups[2]):D2}/{m.Groups[3].Value}");
        }
        else if ((m = ClockTime().Match(core)).Success)
        {
            date = FormattableString.Invariant($"{Hour24(N(m.Groups[1]), m.Groups[4].Value):D2}:{m.Groups[2].Value}{m.Groups[3].Value}");
        }
        else if ((m = HourAmPm().Match(core)).Success)
        {
            date = FormattableString.Invariant($"{Hour24(N(m.Groups[1]), m.Groups[2].Value):D2}:00");
        }
        else if (Quarter().IsMatch(core))
        {
            date = core.ToLowerInvariant();
        }

        return date.Length > 0;
    }

    public static int Hour24(int hour, string amPm) => amPm.ToLowerInvariant() switch
    {
        "pm" when hour < 12 => hour + 12,
        "am" when hour == 12 => 0,
        _ => hour,
    };
}
