using System.Text.Json;

namespace LlmCacheProxy.Pricing;

/// <summary>
/// Reads the price file:
/// <code>
/// {"models": {"gpt-4o-mini*": {"input": 0.15, "cached_input": 0.075, "output": 0.60}, "gpt-4o": {...}}}
/// </code>
/// USD per 1M tokens. A name ending in <c>*</c> is a prefix; any other name matches exactly (case-insensitive).
/// Keys starting with <c>_</c> are comments. Throws <see cref="FormatException"/> naming the bad model.
/// </summary>
internal static class PriceTableParser
{
    public static (Dictionary<string, ModelPrice> Exact, List<KeyValuePair<string, ModelPrice>> Prefixes) Parse(ReadOnlySpan<byte> json)
    {
        var exact = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        var prefixes = new List<KeyValuePair<string, ModelPrice>>();
        using var doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!doc.RootElement.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("pricing: expected an object \"models\" at the top level.");
        }

        foreach (var model in models.EnumerateObject())
        {
            if (model.Name.StartsWith('_'))
            {
                continue;
            }

            var price = ReadPrice(model);
            string name = model.Name.Trim().ToLowerInvariant();
            if (name.EndsWith('*'))
            {
                prefixes.Add(new(name.TrimEnd('*'), price));
            }
            else
            {
                exact[name] = price;
            }
        }

        // Longest prefix first, so the first match is the most specific one.
        prefixes.Sort((a, b) => b.Key.Length.CompareTo(a.Key.Length));
        return (exact, prefixes);
    }

    private static ModelPrice ReadPrice(JsonProperty model)
    {
        var value = model.Value;
        if (value.ValueKind != JsonValueKind.Object ||
            !TryRead(value, "input", out decimal input) || !TryRead(value, "output", out decimal output))
        {
            throw new FormatException($"pricing: model '{model.Name}' needs non-negative numbers \"input\" and \"output\" (USD per 1M tokens).");
        }

        decimal cached = value.TryGetProperty("cached_input", out _)
            ? TryRead(value, "cached_input", out decimal c) ? c : throw new FormatException($"pricing: model '{model.Name}' has a bad \"cached_input\".")
            : input;
        return new ModelPrice(input, cached, output);
    }

    private static bool TryRead(JsonElement obj, string name, out decimal value)
    {
        value = 0;
        return obj.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number &&
            element.TryGetDecimal(out value) && value >= 0;
    }
}
