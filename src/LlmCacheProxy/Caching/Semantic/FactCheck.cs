namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// Do two questions state the same facts? Pure and deterministic: the same numbers with their units
/// (multiset), dates (multiset), quoted strings and code blocks (multiset, exact), URLs (set), code
/// identifiers and capitalized names (each must appear in the other question too, case-insensitive;
/// names also forgive a plural, one swap of adjacent letters or one dropped letter), negation (both or neither, and no
/// word that one negates and the other affirms), opposite poles (increase / decrease), and the order
/// of the two sides of a comparison ("A vs B" is not "B vs A"), and the task asked (write / explain /
/// test ...) when both name one. A cosine above the threshold is
/// served only when this returns <see cref="FactMismatch.None"/>.
/// </summary>
internal static class FactCheck
{
    public static FactMismatch Compare(string first, string second) =>
        Compare(QuestionFacts.Extract(first), QuestionFacts.Extract(second));

    public static FactMismatch Compare(QuestionFacts a, QuestionFacts b)
    {
        var mismatch = FactMismatch.None;
        if (!a.Numbers.AsSpan().SequenceEqual(b.Numbers))
        {
            mismatch |= FactMismatch.Numbers;
        }

        if (!a.Dates.AsSpan().SequenceEqual(b.Dates))
        {
            mismatch |= FactMismatch.Date;
        }

        if (!a.Quoted.AsSpan().SequenceEqual(b.Quoted))
        {
            mismatch |= FactMismatch.Quoted;
        }

        if (!a.Urls.AsSpan().SequenceEqual(b.Urls))
        {
            mismatch |= FactMismatch.Url;
        }

        if (!AllIn(a.Identifiers, b.Words) || !AllIn(b.Identifiers, a.Words))
        {
            mismatch |= FactMismatch.Identifier;
        }

        if (!NamesIn(a.Names, b.Words) || !NamesIn(b.Names, a.Words))
        {
            mismatch |= FactMismatch.Name;
        }

        if (a.Negated != b.Negated || Intersects(a.NegatedOnly, b.AffirmedOnly) && Intersects(a.AffirmedOnly, b.NegatedOnly))
        {
            mismatch |= FactMismatch.Negation;
        }

        if (PolesDiffer(a.Poles, b.Poles))
        {
            mismatch |= FactMismatch.Antonym;
        }

        if (a.Tasks.Length > 0 && b.Tasks.Length > 0 && !a.Tasks.AsSpan().SequenceEqual(b.Tasks))
        {
            mismatch |= FactMismatch.Task;
        }

        if (SidesSwapped(a.Comparisons, b.Comparisons) || RolesSwapped(a.Sequence, b.Sequence))
        {
            mismatch |= FactMismatch.Order;
        }

        return mismatch;
    }

    private static bool AllIn(string[] wanted, string[] words)
    {
        foreach (var w in wanted)
        {
            if (Array.BinarySearch(words, w, StringComparer.Ordinal) < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool NamesIn(string[] names, string[] words)
    {
        foreach (var name in names)
        {
            if (Array.BinarySearch(words, name, StringComparer.Ordinal) >= 0)
            {
                continue;
            }

            var stem = FactExtractor.Stem(name.EndsWith('s') && name.Length > 3 ? name[..^1] : name); // APIs / API
            var found = false;
            foreach (var word in words)
            {
                if (FactExtractor.Stem(word) == stem || FactExtractor.Stem(word.EndsWith('s') && word.Length > 3 ? word[..^1] : word) == stem || name.Length >= 5 && IsAdjacentSwap(name, word) ||
                    name.Length >= 6 && IsOneDeletion(name, word))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    // "pyhton" for "python": one typing slip, not another name (React / Preact, MySQL / MSSQL differ otherwise).
    private static bool IsAdjacentSwap(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        var i = 0;
        while (i < a.Length && a[i] == b[i])
        {
            i++;
        }

        return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2));
    }

    // "kubernets" for "kubernetes": one letter dropped. Only for names of six letters or more, and
    // only in this direction; the check runs both ways, so "React" / "Preact" still differ.
    private static bool IsOneDeletion(string name, string word)
    {
        if (word.Length != name.Length - 1)
        {
            return false;
        }

        var i = 0;
        while (i < word.Length && word[i] == name[i])
        {
            i++;
        }

        return name.AsSpan(i + 1).SequenceEqual(word.AsSpan(i));
    }

    private static bool Intersects(string[] a, string[] b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var c = string.CompareOrdinal(a[i], b[j]);
            if (c == 0)
            {
                return true;
            }

            if (c < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return false;
    }

    // A group both questions use, with different poles: one says "increase", the other "decrease".
    private static bool PolesDiffer(int[] a, int[] b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            int ga = a[i] >> 2, gb = b[j] >> 2;
            if (ga == gb && a[i] != b[j])
            {
                return true;
            }

            if (ga <= gb)
            {
                i++;
            }

            if (gb <= ga)
            {
                j++;
            }
        }

        return false;
    }

    // Swapped when, for the same cue (the n-th "than" of each, the n-th "vs" / "compare ... and"), a
    // word left of it in one question is right of it in the other, and another word goes the opposite
    // way ("is a list faster than a tuple" / "is a tuple faster than a list").
    private static bool SidesSwapped(FactSides[] a, FactSides[] b)
    {
        foreach (var group in a.GroupBy(s => s.Cue, StringComparer.Ordinal))
        {
            var others = b.Where(s => s.Cue == group.Key).ToArray();
            var index = 0;
            foreach (var x in group)
            {
                if (index < others.Length && CrossesTo(x.Left, others[index].Right, x.Right, others[index].Left))
                {
                    return true;
                }

                index++;
            }
        }

        return false;
    }

    // Two shared words trade places and nothing else moves: "cats hate dogs" / "dogs hate cats",
    // "web can't reach db" / "db can't reach web". Rewordings that move whole phrases ("in Python,
    // how do I ..." / "how do I ... in Python") change more than one pair, so they pass.
    private static bool RolesSwapped(string[] a, string[] b)
    {
        var inA = new HashSet<string>(a, StringComparer.Ordinal);
        var inB = new HashSet<string>(b, StringComparer.Ordinal);
        var sharedA = a.Where(inB.Contains).ToArray();
        var sharedB = b.Where(inA.Contains).ToArray();
        int first = -1, second = -1;
        for (var i = 0; i < sharedA.Length; i++)
        {
            if (sharedA[i] == sharedB[i])
            {
                continue;
            }

            if (first < 0)
            {
                first = i;
            }
            else if (second < 0)
            {
                second = i;
            }
            else
            {
                return false; // three or more positions differ: a rewording, not a swap
            }
        }

        // Non-adjacent: something stays between the two ("60 second timeout" / "timeout of 60 s" is no swap).
        return second - first >= 2 && sharedA[first] == sharedB[second] && sharedA[second] == sharedB[first];
    }

    private static bool CrossesTo(string[] leftA, string[] rightB, string[] rightA, string[] leftB)
    {
        foreach (var w in leftA)
        {
            if (Array.BinarySearch(rightB, w, StringComparer.Ordinal) < 0)
            {
                continue;
            }

            foreach (var v in rightA)
            {
                if (v != w && Array.BinarySearch(leftB, v, StringComparer.Ordinal) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
