using System.Collections.Frozen;

namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// Units that can follow a number ("5 km", "5km", "200 ms", "$5", "16 GB"), each spelling mapped to
/// one canonical symbol so that "5 kilometers" and "5 km" state the same fact and "5 km" and
/// "5 miles" do not. Only units whose change always changes the question are listed.
/// </summary>
internal static class FactUnits
{
    private static readonly (string Symbol, string[] Spellings)[] Table =
    [
        ("ns", ["ns", "nanosecond", "nanoseconds"]), ("us", ["us", "µs", "microsecond", "microseconds"]),
        ("ms", ["ms", "msec", "msecs", "millisecond", "milliseconds"]), ("s", ["s", "sec", "secs", "second", "seconds"]),
        ("min", ["min", "mins", "minute", "minutes"]), ("h", ["h", "hr", "hrs", "hour", "hours"]),
        ("day", ["day", "days"]), ("week", ["wk", "wks", "week", "weeks"]), ("month", ["month", "months"]),
        ("year", ["yr", "yrs", "year", "years"]),
        ("mm", ["mm", "millimeter", "millimeters", "millimetre", "millimetres"]),
        ("cm", ["cm", "centimeter", "centimeters", "centimetre", "centimetres"]),
        ("m", ["m", "meter", "meters", "metre", "metres"]), ("km", ["km", "kilometer", "kilometers", "kilometre", "kilometres"]),
        ("ft", ["ft", "foot", "feet"]), ("inch", ["inch", "inches"]), ("mi", ["mi", "mile", "miles"]),
        ("mph", ["mph"]), ("kmh", ["kph", "km/h", "kmh"]),
        ("mg", ["mg", "milligram", "milligrams"]), ("g", ["g", "gram", "grams"]),
        ("kg", ["kg", "kgs", "kilogram", "kilograms", "kilo", "kilos"]), ("lb", ["lb", "lbs", "pound", "pounds"]),
        ("oz", ["oz", "ounce", "ounces"]), ("l", ["l", "liter", "liters", "litre", "litres"]), ("ml", ["ml", "milliliter", "milliliters"]),
        ("bit", ["bit", "bits"]), ("byte", ["byte", "bytes"]),
        ("kb", ["kb", "kilobyte", "kilobytes"]), ("mb", ["mb", "megabyte", "megabytes"]),
        ("gb", ["gb", "gigabyte", "gigabytes"]), ("tb", ["tb", "terabyte", "terabytes"]), ("pb", ["pb", "petabyte", "petabytes"]),
        ("kib", ["kib"]), ("mib", ["mib"]), ("gib", ["gib"]), ("tib", ["tib"]),
        ("kbps", ["kbps"]), ("mbps", ["mbps"]), ("gbps", ["gbps"]),
        ("hz", ["hz", "hertz"]), ("khz", ["khz"]), ("mhz", ["mhz"]), ("ghz", ["ghz"]),
        ("°c", ["°c", "celsius", "centigrade"]), ("°f", ["°f", "fahrenheit"]), ("kelvin", ["kelvin"]), ("deg", ["°", "deg", "degree", "degrees"]),
        ("%", ["%", "percent", "pct", "percentage"]),
        ("usd", ["usd", "$", "dollar", "dollars", "bucks"]), ("eur", ["eur", "€", "euro", "euros"]),
        ("gbp", ["gbp", "£"]), ("jpy", ["jpy", "¥", "yen"]), ("inr", ["inr", "₹", "rupee", "rupees"]),
        ("token", ["token", "tokens", "tok"]), ("char", ["char", "chars", "character", "characters"]),
        ("word", ["word", "words"]), ("line", ["line", "lines", "loc"]), ("page", ["page", "pages"]),
        ("req", ["request", "requests", "req", "reqs"]), ("rpm", ["rpm"]), ("rps", ["rps", "req/s"]), ("qps", ["qps"]),
        ("tps", ["tps"]), ("fps", ["fps"]), ("px", ["px", "pixel", "pixels"]), ("pt", ["pt"]), ("em", ["em"]), ("rem", ["rem"]),
        ("dpi", ["dpi"]), ("x", ["x"]), ("core", ["core", "cores", "vcpu", "vcpus"]),
        ("thread", ["thread", "threads"]), ("item", ["item", "items", "element", "elements"]),
    ];

    private static readonly FrozenDictionary<string, string> Spellings = Table
        .SelectMany(row => row.Spellings.Select(spelling => (spelling, row.Symbol)))
        .ToFrozenDictionary(p => p.spelling, p => p.Symbol, StringComparer.Ordinal);

    /// <summary>
    /// Canonical symbol of a unit spelling (lower case), or null. A one-letter unit (s, m, h, g, l, x)
    /// counts only when glued to its number ("5s"): on its own it is more often a variable or "times".
    /// </summary>
    public static string? Find(string lowerSpelling, bool glued) =>
        !glued && lowerSpelling.Length == 1 && char.IsAsciiLetter(lowerSpelling[0])
            ? null
            : Spellings.GetValueOrDefault(lowerSpelling);

    /// <summary>The multiplier of a suffix glued to a number: 5k, 1.5M, 7B (case matters: m is metres).</summary>
    public static decimal? Multiplier(string suffix) => suffix switch
    {
        "k" or "K" => 1_000m,
        "M" => 1_000_000m,
        "B" or "bn" => 1_000_000_000m,
        "T" => 1_000_000_000_000m,
        _ => null,
    };

    /// <summary>Number words that scale what precedes them ("5 million", "two hundred").</summary>
    public static decimal? ScaleWord(string lowerWord) => lowerWord switch
    {
        "hundred" => 100m,
        "thousand" => 1_000m,
        "million" => 1_000_000m,
        "billion" => 1_000_000_000m,
        "trillion" => 1_000_000_000_000m,
        _ => null,
    };
}
