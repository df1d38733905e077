namespace LlmCacheProxy.Keys;

/// <summary>Immutable inputs of the cache key that an operator can change.</summary>
internal sealed record KeySettings
{
    /// <summary>Body fields that do not change the answer and are left out of the key by default.</summary>
    public static IReadOnlySet<string> DefaultIgnoredParams { get; } =
        new HashSet<string>(["stream", "stream_options", "user", "metadata", "store"], StringComparer.Ordinal);

    public static KeySettings Default { get; } = new();

    public NormalizationMode Normalization { get; init; } = NormalizationMode.Trim;

    /// <summary>Model aliases; keys and values are compared and applied after trim + lowercase (invariant).</summary>
    public IReadOnlyDictionary<string, string> ModelAliases { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Top-level body fields left out of the key; compared ordinally with the JSON property name.</summary>
    public IReadOnlySet<string> IgnoredParams { get; init; } = DefaultIgnoredParams;
}
