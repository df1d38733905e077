using System.Collections.Frozen;

namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// English word lists behind <see cref="FactCheck"/>. Every word is lower case; lookups are ordinal.
/// The lists are deliberately short and precise: a word here changes whether two questions may share
/// an answer, so a doubtful word stays out (a missed refusal is caught by the threshold, a wrong
/// refusal only costs a miss).
/// </summary>
internal static class FactLexicon
{
    /// <summary>Words that negate their clause. Contractions ending in n't are recognised by shape.</summary>
    public static readonly FrozenSet<string> Negations = FrozenSet.ToFrozenSet(
    [
        "not", "no", "never", "without", "except", "excluding", "neither", "nor", "none", "nothing", "nobody",
        "nowhere", "cannot", "unable", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant",
        "couldnt", "shouldnt", "wouldnt", "wont", "havent", "hasnt", "hadnt", "mustnt", "neednt", "aint",
    ], StringComparer.Ordinal);

    /// <summary>Words that carry no fact of their own: left out of the side and clause word sets.</summary>
    public static readonly FrozenSet<string> Stopwords = FrozenSet.ToFrozenSet(
    [
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "doing",
        "have", "has", "had", "can", "could", "would", "should", "will", "shall", "may", "might", "must", "i",
        "me", "my", "mine", "you", "your", "yours", "we", "our", "us", "it", "its", "they", "them", "their", "he",
        "she", "his", "her", "this", "that", "these", "those", "there", "here", "what", "which", "who", "whom",
        "whose", "how", "why", "when", "where", "of", "in", "on", "at", "for", "to", "by", "with", "about", "as",
        "into", "onto", "from", "and", "so", "if", "then", "just", "really", "actually", "please", "kindly",
        "thanks", "thank", "hi", "hello", "hey", "some", "any", "also", "very", "quite", "way", "ways", "tell",
        "know", "want", "need", "like", "get", "got", "one", "ones", "thing", "things", "something", "anyone",
        "someone", "possible", "help", "exactly", "better", "best", "more", "most", "less", "least", "im", "ive", "id", "youre", "whats", "hows", "thats", "theres", "it's", "what's", "i'm", "let", "lets",
        "let's", "use", "using", "used", "make", "making", "done",
    ], StringComparer.Ordinal);

    /// <summary>
    /// Words standing between the two sides of a comparison or a direction: "A vs B", "A than B",
    /// "A or B", "A beats B", "A before B", "10 / 2". Swapping the sides swaps the question.
    /// </summary>
    public static readonly FrozenSet<string> InfixCues = FrozenSet.ToFrozenSet(
    [
        "vs", "versus", "v", "than", "or", "over", "against", "beat", "beats", "beating", "beaten", "outperform",
        "outperforms", "outperformed", "defeat", "defeats", "defeated", "before", "after", "instead", "minus",
        "divided", "->", "=>", "→", "-", "/", "÷", "^", "**", "<", ">", "<=", ">=",
    ], StringComparer.Ordinal);

    /// <summary>Words that open a two-sided phrase whose sides are split by <see cref="SplitCues"/>.</summary>
    public static readonly FrozenSet<string> OpenerCues = FrozenSet.ToFrozenSet(
    [
        "compare", "compares", "comparing", "compared", "comparison", "between", "difference", "differences",
        "from", "convert", "converting", "conversion", "translate", "translating", "translation", "migrate",
        "migrating", "migration", "port", "porting", "switch", "switching", "cast", "casting", "map", "mapping",
        "turn", "change", "rewrite", "upgrade", "upgrading", "downgrade", "move", "moving", "subtract",
    ], StringComparer.Ordinal);

    public static readonly FrozenSet<string> SplitCues = FrozenSet.ToFrozenSet(
        ["and", "with", "to", "into", "vs", "versus", "against", "->", "=>", "→"], StringComparer.Ordinal);

    /// <summary>Words after which a clause turns: negation is judged per clause.</summary>
    public static readonly FrozenSet<string> ClauseBreaks = FrozenSet.ToFrozenSet(
        ["but", "while", "whereas", "although", "though", "however", "yet", "unlike"], StringComparer.Ordinal);

    /// <summary>Abbreviations whose trailing dot does not end a sentence.</summary>
    public static readonly FrozenSet<string> Abbreviations = FrozenSet.ToFrozenSet(
        ["e.g", "i.e", "etc", "vs", "v", "mr", "mrs", "dr", "approx", "cf", "a.m", "p.m", "u.s", "ca"],
        StringComparer.Ordinal);
}
