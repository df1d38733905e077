using System.Collections.Frozen;

namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// Opposite poles ("increase" / "decrease", "enable" / "disable", "ascending" / "descending"). Two
/// questions that both use a group but not the same poles ask opposite things. A group that only
/// one question uses says nothing (the other may have a synonym that is not listed).
/// </summary>
internal static class FactPoles
{
    // Each row: group name, the words of the first pole, the words of the second pole.
    // Each row: group name, the words of the first pole, the words of the second pole. A word is in one row only.
    private static readonly (string Group, string[] First, string[] Second)[] Groups =
    [
        ("level", ["increase", "increases", "increased", "increasing", "raise", "raises", "raising", "grow", "grows",
            "growing", "higher", "high", "bigger", "larger", "greater", "more", "expand", "expands", "extend",
            "extends", "up"],
            ["decrease", "decreases", "decreased", "decreasing", "lower", "lowers", "lowering", "reduce", "reduces",
            "reducing", "shrink", "shrinks", "shrinking", "low", "smaller", "less", "fewer", "lesser", "down"]),
        ("extreme", ["maximum", "max", "maximize", "maximise", "highest", "largest", "biggest", "greatest", "most",
            "upper", "ceil", "ceiling"],
            ["minimum", "min", "minimize", "minimise", "lowest", "smallest", "least", "fewest", "floor"]),
        ("length", ["long", "longer", "longest"], ["short", "shorter", "shortest"]),
        ("speed", ["fast", "faster", "fastest", "quick", "quicker", "quickest", "quickly", "accelerate"],
            ["slow", "slower", "slowest", "slowly", "slowdown", "slowing", "laggy"]),
        ("quality", ["better", "best", "good", "improve", "improves", "improved"],
            ["worse", "worst", "bad", "degrade", "degrades", "degraded", "regress", "regression"]),
        ("switch", ["enable", "enables", "enabled", "enabling", "activate", "activated", "on"], // "on": see TryGet
            ["disable", "disables", "disabled", "disabling", "deactivate", "deactivated", "off"]),
        ("permission", ["allow", "allows", "allowed", "allowing", "permit", "permits", "whitelist", "allowlist",
            "unblock", "accept", "accepts", "accepted", "grant", "grants"],
            ["deny", "denies", "denied", "block", "blocks", "blocked", "forbid", "forbids", "blacklist", "denylist",
            "reject", "rejects", "rejected", "revoke", "revokes"]),
        ("membership", ["add", "adds", "adding", "added", "insert", "inserts", "inserting", "append", "appends",
            "include", "includes", "including", "included"],
            ["remove", "removes", "removing", "removed", "delete", "deletes", "deleting", "deleted", "drop", "drops",
            "exclude", "excludes", "strip", "strips", "erase"]),
        ("install", ["install", "installs", "installing", "subscribe", "subscribing"],
            ["uninstall", "uninstalls", "uninstalling", "unsubscribe", "unsubscribing"]),
        ("run", ["start", "starts", "starting", "started", "begin", "begins", "launch", "resume", "resumes"],
            ["stop", "stops", "stopping", "stopped", "end", "ends", "kill", "pause", "pauses", "halt"]),
        ("open", ["open", "opens", "opening", "mount", "lock", "locks", "locking", "connect", "connects",
            "connecting", "login", "signin"],
            ["close", "closes", "closing", "unmount", "unlock", "unlocks", "unlocking", "disconnect", "disconnects",
            "disconnecting", "logout", "signout"]),
        ("direction", ["upload", "uploads", "uploading", "import", "imports", "importing", "push", "pushes",
            "pushing", "send", "sends", "sending"],
            ["download", "downloads", "downloading", "export", "exports", "exporting", "pull", "pulls", "pulling",
            "receive", "receives", "receiving"]),
        ("io", ["read", "reads", "reading", "input", "inputs"], ["write", "writes", "writing", "output", "outputs"]),
        ("codec", ["encode", "encodes", "encoding", "encrypt", "encrypts", "encryption", "encrypted", "serialize",
            "serialise", "serializing", "serialization", "compress", "compression", "compressed", "zip", "marshal",
            "escape", "hash"],
            ["decode", "decodes", "decoding", "decrypt", "decrypts", "decryption", "decrypted", "deserialize",
            "deserialise", "deserializing", "deserialization", "decompress", "decompression", "decompressed", "unzip",
            "unmarshal", "unescape", "unhash"]),
        ("sort", ["ascending", "asc"], ["descending", "desc"]),
        ("position", ["first", "earliest", "head", "top", "beginning", "prefix", "leading"],
            ["last", "latest", "tail", "bottom", "suffix", "trailing"]),
        ("age", ["oldest", "older", "old", "previous", "prev"], ["newest", "newer", "new", "next"]),
        ("side", ["left"], ["right"]),
        ("case", ["uppercase", "capital", "capitals", "capitalize", "capitalise", "capitalized"], ["lowercase"]),
        ("truth", ["true"], ["false"]),
        ("validity", ["valid"], ["invalid"]),
        ("outcome", ["success", "succeed", "succeeds", "successful", "pass", "passes", "passing"],
            ["failure", "fail", "fails", "failing", "failed"]),
        ("sign", ["positive"], ["negative"]),
        ("connectivity", ["online"], ["offline"]),
        ("visibility", ["public"], ["private"]),
        ("display", ["show", "shows", "showing", "unhide", "visible", "display"], ["hide", "hides", "hiding", "hidden", "invisible"]),
        ("inout", ["in"], ["out"]), // "in" / "out": see TryGet
        ("containment", ["inside", "inner", "internal", "within"], ["outside", "outer", "external"]),
        ("vertical", ["above", "over"], ["below", "under", "beneath"]),
        ("timing", ["sync", "synchronous", "synchronously", "blocking"],
            ["async", "asynchronous", "asynchronously", "nonblocking", "non-blocking"]),
        ("axis", ["horizontal", "horizontally", "rows", "row"], ["vertical", "vertically", "columns", "column"]),
        ("parity", ["odd"], ["even"]),
        ("price", ["cheap", "cheaper", "cheapest", "inexpensive"], ["expensive", "pricier", "priciest", "costly"]),
        ("tier", ["client", "clients", "frontend", "client-side"], ["server", "servers", "backend", "server-side"]),
        ("arithmetic", ["plus", "multiply", "multiplied", "times", "sum"], ["minus", "divide", "divided", "subtract"]),
        ("temperature", ["hot", "warm", "warmer", "hotter"], ["cold", "cool", "cooler", "colder"]),
        ("time", ["before", "earlier"], ["after", "later"]),
        ("causality", ["cause", "causes", "caused", "reason", "reasons", "origin", "origins"],
            ["consequence", "consequences", "effect", "effects", "impact", "impacts", "outcome", "outcomes"]),
        ("strict", ["strict", "strictly"], ["lenient", "loose", "loosely"]),
        ("scope", ["global", "globally"], ["local", "locally"]),
        ("mutability", ["mutable"], ["immutable"]),
        ("depth", ["deep"], ["shallow"]),
    ];

    private static readonly FrozenDictionary<string, (int Group, int Pole)> Words = Build();

    // "on", "in" and "out" are prepositions far more often than poles: they count after a verb they
    // complete ("turn on", "zoom in", "log out"), and "on" also when it closes its clause ("turn it on").
    private static readonly FrozenSet<string> ParticleVerbs = FrozenSet.ToFrozenSet(
        ["turn", "turns", "turned", "turning", "switch", "switches", "switched", "switching", "toggle", "toggled",
            "power", "powered", "it", "them", "zoom", "zooms", "zooming", "log", "logs", "logging", "logged", "sign",
            "signs", "signing", "signed", "opt", "opts", "opting", "opted", "check", "checks", "checking", "checked",
            "plug", "plugged", "scale", "scaling", "fade", "fading", "swipe", "scroll", "scrolling"], StringComparer.Ordinal);

    /// <summary>The group index and pole bit (1 or 2) of a lower-case word, if it has one.</summary>
    public static bool TryGet(string word, string? previous, bool endsClause, out int group, out int pole)
    {
        var particle = previous is not null && ParticleVerbs.Contains(previous);
        var counts = word switch
        {
            "on" => particle || endsClause,
            "in" or "out" => particle,
            _ => true,
        };
        if (counts && Words.TryGetValue(word, out var found))
        {
            (group, pole) = found;
            return true;
        }

        (group, pole) = (-1, 0);
        return false;
    }

    public static string GroupName(int group) => Groups[group].Group;

    private static FrozenDictionary<string, (int, int)> Build()
    {
        var words = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var g = 0; g < Groups.Length; g++)
        {
            foreach (var w in Groups[g].First)
            {
                words.Add(w, (g, 1));
            }

            foreach (var w in Groups[g].Second)
            {
                words.Add(w, (g, 2));
            }
        }

        return words.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
