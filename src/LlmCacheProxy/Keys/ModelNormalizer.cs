namespace LlmCacheProxy.Keys;

/// <summary>The model as keys and entries hold it: trimmed, lowercased (invariant), then aliased.</summary>
internal sealed class ModelNormalizer
{
    private readonly Dictionary<string, string> _aliases;
    private readonly int _maxLength;

    /// <summary>Throws <see cref="ArgumentException"/> when one alias is given twice with different targets.</summary>
    public ModelNormalizer(KeySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _aliases = NormalizeAliases(settings.ModelAliases);
        _maxLength = settings.MaxModelLength;
    }

    /// <summary>Trim, lowercase, alias (admin filters use it too, so it never refuses).</summary>
    public string Normalize(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model = Fold(model);
        return _aliases.TryGetValue(model, out var alias) ? alias : model;
    }

    /// <summary><see cref="Normalize"/>, false when the result is longer than <see cref="KeySettings.MaxModelLength"/>.</summary>
    public bool TryNormalize(string model, out string normalized)
    {
        normalized = Normalize(model);
        return normalized.Length <= _maxLength;
    }

    // One rule for body models and both sides of an alias, or an alias could stop matching.
    private static string Fold(string model) => model.Trim().ToLowerInvariant();

    private static Dictionary<string, string> NormalizeAliases(IReadOnlyDictionary<string, string> aliases)
    {
        var normalized = new Dictionary<string, string>(aliases.Count, StringComparer.Ordinal);
        foreach (var (from, to) in aliases)
        {
            var key = Fold(from);
            var value = Fold(to);
            if (normalized.TryGetValue(key, out var existing) && existing != value)
            {
                throw new ArgumentException($"Model alias '{key}' is given twice with different targets.", nameof(aliases));
            }

            normalized[key] = value;
        }

        return normalized;
    }
}
