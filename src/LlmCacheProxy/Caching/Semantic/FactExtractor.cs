namespace LlmCacheProxy.Caching.Semantic;

/// <summary>Turns a question's tokens into <see cref="QuestionFacts"/>.</summary>
internal static class FactExtractor
{
    public static QuestionFacts Extract(string question)
    {
        var tokens = FactTokenizer.Tokenize(question ?? "");
        var (negatedOnly, affirmedOnly) = Clauses(tokens);
        return new QuestionFacts
        {
            Numbers = Sorted(tokens, FactTokenKind.Number, distinct: false),
            Dates = Sorted(tokens, FactTokenKind.Date, distinct: false),
            Quoted = Sorted(tokens, FactTokenKind.Quoted, distinct: false),
            Urls = Sorted(tokens, FactTokenKind.Url, distinct: true),
            Identifiers = Sorted(tokens, FactTokenKind.Identifier, distinct: true),
            Names = SortedDistinct(tokens.Where(t => t.Kind == FactTokenKind.Word && t.IsName).Select(t => t.Text)),
            Words = SortedDistinct(tokens.Where(t => t.Kind is FactTokenKind.Word or FactTokenKind.Identifier).Select(t => t.Text)),
            Negated = tokens.Any(IsNegation),
            NegatedOnly = negatedOnly,
            AffirmedOnly = affirmedOnly,
            Comparisons = Comparisons(tokens),
            Sequence = Sequence(tokens),
            Poles = Poles(tokens),
            Tasks = [.. tokens.Where(t => t.Kind == FactTokenKind.Word).Select(t => FactTasks.Find(t.Text)).Where(t => t >= 0).Distinct().Order()],
        };
    }

    /// <summary>Lower-case word without a plural or possessive ending: "lists" and "list" are one side.</summary>
    public static string Stem(string word)
    {
        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.Length > 4 && (word.EndsWith("ses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal) ||
            word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)))
        {
            return word[..^2];
        }

        return word.Length > 3 && word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i') ? word[..^1] : word;
    }

    public static bool IsNegation(FactToken token) =>
        token.Kind == FactTokenKind.Word &&
        (FactLexicon.Negations.Contains(token.Text) || token.Text.EndsWith("n't", StringComparison.Ordinal));

    // The key a token contributes to the side and clause sets, or null if it states nothing.
    private static string? Salient(FactToken token) => token.Kind switch
    {
        FactTokenKind.Word when token.IsName || !FactLexicon.Stopwords.Contains(token.Text) && !IsNegation(token) && !IsCue(token.Text) => Stem(token.Text),
        FactTokenKind.Identifier or FactTokenKind.Url => token.Text,
        FactTokenKind.Number => "#" + token.Text,
        FactTokenKind.Date => "@" + token.Text,
        FactTokenKind.Quoted => "\"" + token.Text,
        _ => null,
    };

    private static bool IsCue(string word) =>
        FactLexicon.InfixCues.Contains(word) || FactLexicon.OpenerCues.Contains(word) ||
        FactLexicon.SplitCues.Contains(word) || FactLexicon.ClauseBreaks.Contains(word);

    // Clauses end at , ; : . ? ! and at but/while/although...; a clause with a negation word is negated.
    private static (string[] NegatedOnly, string[] AffirmedOnly) Clauses(List<FactToken> tokens)
    {
        var negated = new HashSet<string>(StringComparer.Ordinal);
        var affirmed = new HashSet<string>(StringComparer.Ordinal);
        var clause = new List<string>();
        var clauseNegated = false;
        void Flush()
        {
            (clauseNegated ? negated : affirmed).UnionWith(clause);
            clause.Clear();
            clauseNegated = false;
        }

        foreach (var token in tokens)
        {
            if (token.IsBoundary || token.Kind == FactTokenKind.Word && FactLexicon.ClauseBreaks.Contains(token.Text))
            {
                Flush();
            }
            else if (IsNegation(token))
            {
                clauseNegated = true;
            }
            else if (Salient(token) is { } key)
            {
                clause.Add(key);
            }
        }

        Flush();
        return (SortedDistinct(negated.Except(affirmed)), SortedDistinct(affirmed.Except(negated)));
    }

    // Per sentence: an infix cue splits the sentence into before / after ("A vs B", "A faster than B");
    // an opener waits for its split word ("compare A and B", "from A to B", "convert A into B").
    private static FactSides[] Comparisons(List<FactToken> tokens)
    {
        var found = new List<FactSides>();
        var sentence = 0;
        var opener = -1;
        for (var j = 0; j <= tokens.Count; j++)
        {
            if (j == tokens.Count || tokens[j].Kind == FactTokenKind.SentenceEnd)
            {
                sentence = j + 1;
                opener = -1;
                continue;
            }

            var token = tokens[j];
            if (token.Kind is not (FactTokenKind.Word or FactTokenKind.Operator) || token.IsName)
            {
                continue;
            }

            var end = SentenceEnd(tokens, j);
            if (opener >= 0 && FactLexicon.SplitCues.Contains(token.Text))
            {
                var family = token.Text is "to" or "into" or "->" or "=>" or "→" ? "to" : "vs";
                found.Add(Sides(family, SideKeys(tokens, opener + 1, j), SideKeys(tokens, j + 1, end)));
                opener = -1;
            }
            else if (token.Kind == FactTokenKind.Word && FactLexicon.OpenerCues.Contains(token.Text))
            {
                opener = j;
            }
            else if (FactLexicon.InfixCues.Contains(token.Text) && (token.Kind == FactTokenKind.Operator || token.Text is not ("-" or "/")))
            {
                found.Add(Sides(CueFamily(token.Text), SideKeys(tokens, sentence, j), SideKeys(tokens, j + 1, end)));
            }
        }

        return [.. found.Where(s => s.Left.Length > 0 && s.Right.Length > 0)];
    }

    private static FactSides Sides(string cue, string[] left, string[] right) =>
        new(cue, [.. left.Except(right, StringComparer.Ordinal)], [.. right.Except(left, StringComparer.Ordinal)]);

    // Cues that say the same thing compare with each other: "A vs B" with "compare B and A", "A / B" with "A divided by B".
    private static string CueFamily(string cue) => cue switch
    {
        "vs" or "versus" or "v" or "against" => "vs",
        "beat" or "beats" or "beating" or "beaten" or "outperform" or "outperforms" or "outperformed" or "defeat" or "defeats" or "defeated" => "beat",
        "divided" or "/" or "÷" => "div",
        "minus" or "-" => "minus",
        "^" or "**" => "pow",
        "->" or "=>" or "→" => "to",
        "before" or "after" => "time",
        "<" or ">" or "<=" or ">=" => "cmp",
        _ => cue,
    };

    // Salient keys in the order they first appear, for the role-swap check ("cats hate dogs").
    private static string[] Sequence(List<FactToken> tokens)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sequence = new List<string>();
        foreach (var token in tokens)
        {
            if (Salient(token) is { } key && seen.Add(key))
            {
                sequence.Add(key);
            }
        }

        return [.. sequence];
    }

    private static int SentenceEnd(List<FactToken> tokens, int from)
    {
        var end = from;
        while (end < tokens.Count && tokens[end].Kind != FactTokenKind.SentenceEnd)
        {
            end++;
        }

        return end;
    }

    private static string[] SideKeys(List<FactToken> tokens, int from, int to)
    {
        var keys = new List<string>();
        for (var j = from; j < to; j++)
        {
            if (Salient(tokens[j]) is { } key)
            {
                keys.Add(key);
            }
        }

        return SortedDistinct(keys);
    }

    private static int[] Poles(List<FactToken> tokens)
    {
        var masks = new SortedDictionary<int, int>();
        string? previous = null;
        for (var j = 0; j < tokens.Count; j++)
        {
            var token = tokens[j];
            if (token.Kind != FactTokenKind.Word)
            {
                previous = null;
                continue;
            }

            var endsClause = j + 1 == tokens.Count || tokens[j + 1].IsBoundary;
            if (FactPoles.TryGet(token.Text, previous, endsClause, out var group, out var pole))
            {
                masks[group] = masks.GetValueOrDefault(group) | pole;
            }

            previous = token.Text;
        }

        return [.. masks.Select(p => (p.Key << 2) | p.Value)];
    }

    private static string[] Sorted(List<FactToken> tokens, FactTokenKind kind, bool distinct)
    {
        var values = tokens.Where(t => t.Kind == kind).Select(t => t.Text);
        return distinct ? SortedDistinct(values) : [.. values.Order(StringComparer.Ordinal)];
    }

    private static string[] SortedDistinct(IEnumerable<string> values) =>
        [.. values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
