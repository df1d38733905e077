using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FakeUpstream;

/// <summary>
/// The <c>[[name]]</c> / <c>[[name=value]]</c> directives found in a request's text: what a test asks the fake to do
/// instead of a plain answer. Unknown names and bad values are ignored, so they stay part of the echoed text only.
/// </summary>
internal sealed partial class Directives
{
    public static readonly Directives None = new();

    public int? Status { get; private set; }
    public int DelayMs { get; private set; }
    public bool Tool { get; private set; }
    public bool Reasoning { get; private set; }
    public bool Abort { get; private set; }
    public int? Words { get; private set; }
    public decimal? Cost { get; private set; }
    public int CachedTokens { get; private set; }
    public int ChunkDelayMs { get; private set; }
    public bool NoDone { get; private set; }
    public bool StreamError { get; private set; }

    // Hostile shapes (chat only): answers a careless cache stores but cannot serve the other way.
    public bool CreatedNull { get; private set; }
    public bool CreatedString { get; private set; }
    public bool ToolCallsGarbage { get; private set; }
    public bool NonJsonEvents { get; private set; }
    public bool MultilineData { get; private set; }
    public bool JsonSeq { get; private set; }
    public bool StreamUsageAbsent { get; private set; }
    public bool StreamUsageNull { get; private set; }

    [GeneratedRegex(@"\[\[([A-Za-z][A-Za-z-]*)(?:=([^\]]*))?\]\]", RegexOptions.CultureInvariant)]
    private static partial Regex DirectiveRegex();

    public static Directives Parse(string text)
    {
        var d = new Directives();
        foreach (Match m in DirectiveRegex().Matches(text))
        {
            d.Apply(m.Groups[1].Value.ToLowerInvariant(), m.Groups[2].Success ? m.Groups[2].Value.Trim() : null);
        }

        return d;
    }

    /// <summary>Generated text: "echo: " + <paramref name="echoed"/>, or "w1 w2 ... wN" with [[words=N]].</summary>
    public string Content(string echoed) => Words is { } n ? WordList(n) : "echo: " + echoed;

    private void Apply(string name, string? value)
    {
        switch (name)
        {
            case "status" when TryInt(value, out var code) && code is >= 100 and <= 999:
                Status = code;
                break;
            case "delay" when TryInt(value, out var ms) && ms >= 0:
                DelayMs = ms;
                break;
            case "words" when TryInt(value, out var n) && n >= 0:
                Words = n;
                break;
            case "cost" when decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var cost):
                Cost = cost;
                break;
            case "cached" when TryInt(value, out var cached) && cached >= 0:
                CachedTokens = cached;
                break;
            case "chunk-delay" when TryInt(value, out var cd) && cd >= 0:
                ChunkDelayMs = cd;
                break;
            default:
                ApplyFlag(name);
                break;
        }
    }

    private void ApplyFlag(string name)
    {
        switch (name)
        {
            case "tool": Tool = true; break;
            case "reasoning": Reasoning = true; break;
            case "abort": Abort = true; break;
            case "no-done": NoDone = true; break;
            case "stream-error": StreamError = true; break;
            case "created-null": CreatedNull = true; break;
            case "created-string": CreatedString = true; break;
            case "tool-calls-garbage": ToolCallsGarbage = true; break;
            case "non-json-events": NonJsonEvents = true; break;
            case "multiline-data": MultilineData = true; break;
            case "json-seq": JsonSeq = true; break;
            case "stream-usage-absent": StreamUsageAbsent = true; break;
            case "stream-usage-null": StreamUsageNull = true; break;
        }
    }

    private static bool TryInt(string? value, out int result) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);

    private static string WordList(int n)
    {
        var sb = new StringBuilder(n * 6);
        for (var i = 1; i <= n; i++)
        {
            if (i > 1)
            {
                sb.Append(' ');
            }

            sb.Append('w').Append(i.ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
