namespace LlmCacheProxy.Caching.Semantic;

/// <summary>The reason codes explain and analytics show: numbers, negation, quoted, url, identifier, name, date, order, antonym, task.</summary>
internal static class FactMismatchCodes
{
    private static readonly (FactMismatch Flag, string Code)[] Codes =
    [
        (FactMismatch.Numbers, "numbers"), (FactMismatch.Negation, "negation"), (FactMismatch.Quoted, "quoted"),
        (FactMismatch.Url, "url"), (FactMismatch.Identifier, "identifier"), (FactMismatch.Name, "name"),
        (FactMismatch.Date, "date"), (FactMismatch.Order, "order"), (FactMismatch.Antonym, "antonym"),
        (FactMismatch.Task, "task"),
    ];

    public static IReadOnlyList<string> ToCodes(FactMismatch mismatch)
    {
        var codes = new List<string>();
        foreach (var (flag, code) in Codes)
        {
            if ((mismatch & flag) != 0)
            {
                codes.Add(code);
            }
        }

        return codes;
    }
}
