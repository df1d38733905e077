using System.Collections.Frozen;

namespace LlmCacheProxy.Caching.Semantic;

/// <summary>Month, weekday, relative-day and small-number words, for dates and numbers written out.</summary>
internal static class FactCalendar
{
    private static readonly FrozenDictionary<string, int> MonthWords = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["january"] = 1, ["jan"] = 1, ["february"] = 2, ["feb"] = 2, ["march"] = 3, ["mar"] = 3, ["april"] = 4,
        ["apr"] = 4, ["may"] = 5, ["june"] = 6, ["jun"] = 6, ["july"] = 7, ["jul"] = 7, ["august"] = 8, ["aug"] = 8,
        ["september"] = 9, ["sep"] = 9, ["sept"] = 9, ["october"] = 10, ["oct"] = 10, ["november"] = 11, ["nov"] = 11,
        ["december"] = 12, ["dec"] = 12,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> DayWords = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["monday"] = "weekday:1", ["tuesday"] = "weekday:2", ["wednesday"] = "weekday:3", ["thursday"] = "weekday:4",
        ["friday"] = "weekday:5", ["saturday"] = "weekday:6", ["sunday"] = "weekday:7", ["weekend"] = "weekday:weekend",
        ["today"] = "rel:today", ["tonight"] = "rel:today", ["tomorrow"] = "rel:tomorrow", ["yesterday"] = "rel:yesterday",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> NumberWords = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13,
        ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18,
        ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60,
        ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90, ["dozen"] = 12, ["twice"] = 2, ["thrice"] = 3,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, int> OrdinalWords = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7, ["eighth"] = 8, ["ninth"] = 9,
        ["tenth"] = 10, ["eleventh"] = 11, ["twelfth"] = 12, ["twentieth"] = 20, ["hundredth"] = 100,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Lower-case spellings that are never anything but a month; the others (may, march, august, jan,
    // dec, ...) count only when written with a capital.
    private static readonly FrozenSet<string> PlainMonths = FrozenSet.ToFrozenSet(
        ["january", "february", "april", "june", "july", "september", "october", "november", "december"],
        StringComparer.Ordinal);

    /// <summary>1..12 for a month word, else null.</summary>
    public static int? Month(string word)
    {
        var lower = word.ToLowerInvariant();
        if (!MonthWords.TryGetValue(lower, out var month))
        {
            return null;
        }

        return char.IsUpper(word[0]) || PlainMonths.Contains(lower) ? month : null;
    }

    /// <summary>"weekday:N" or "rel:today|tomorrow|yesterday" for a day word, else null.</summary>
    public static string? Day(string lowerWord) => DayWords.GetValueOrDefault(lowerWord);

    /// <summary>A number written as a word ("one" is left out: far more often a pronoun).</summary>
    public static int? NumberWord(string lowerWord) => NumberWords.TryGetValue(lowerWord, out var n) ? n : null;

    /// <summary>An ordinal written as a word ("first" and "second" are left out: order and time words).</summary>
    public static int? OrdinalWord(string lowerWord) => OrdinalWords.TryGetValue(lowerWord, out var n) ? n : null;
}
