namespace LlmCacheProxy.Keys;

/// <summary>Immutable inputs of the cache key that an operator can change. Every list replaces its default.</summary>
internal sealed record KeySettings
{
    /// <summary>Chat and completions body fields that do not change the answer.</summary>
    public static IReadOnlySet<string> DefaultIgnoredParams { get; } =
        new HashSet<string>(["stream", "stream_options", "user", "metadata", "store"], StringComparer.Ordinal);

    /// <summary>
    /// Responses body fields that do not change the answer. Not <c>store</c>: an answer made with
    /// <c>store: false</c> was never saved upstream, so a client must not be handed its id to reference later.
    /// </summary>
    public static IReadOnlySet<string> DefaultResponsesIgnoredParams { get; } =
        new HashSet<string>(["stream", "stream_options", "user", "safety_identifier", "metadata"], StringComparer.Ordinal);

    /// <summary>Top-level numbers rounded to 2 decimals; every other number is keyed exactly.</summary>
    public static IReadOnlySet<string> DefaultRoundedParams { get; } =
        new HashSet<string>(["temperature", "top_p"], StringComparer.Ordinal);

    /// <summary>Request headers the upstream acts on, so they are part of the question.</summary>
    public static IReadOnlyList<string> DefaultVaryHeaders { get; } =
        ["OpenAI-Organization", "OpenAI-Project", "OpenAI-Beta", "api-version", "anthropic-version"];

    public static KeySettings Default { get; } = new();

    public NormalizationMode Normalization { get; init; } = NormalizationMode.Trim;

    /// <summary>Model aliases; keys and values are compared and applied after trim + lowercase (invariant).</summary>
    public IReadOnlyDictionary<string, string> ModelAliases { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Chat and completions top-level fields left out of the key; compared ordinally with the JSON name.</summary>
    public IReadOnlySet<string> IgnoredParams { get; init; } = DefaultIgnoredParams;

    /// <summary>Responses top-level fields left out of the key; compared ordinally with the JSON name.</summary>
    public IReadOnlySet<string> ResponsesIgnoredParams { get; init; } = DefaultResponsesIgnoredParams;

    /// <summary>Top-level fields whose numbers are rounded to 2 decimals (midpoint away from zero).</summary>
    public IReadOnlySet<string> RoundedParams { get; init; } = DefaultRoundedParams;

    /// <summary>Header names (case-insensitive) whose values enter the key; the caller reads them.</summary>
    public IReadOnlyList<string> VaryHeaders { get; init; } = DefaultVaryHeaders;

    /// <summary>
    /// A longer model (after trim, lowercase and aliases, in UTF-16 chars) makes a body not cacheable: model
    /// names become rows and tags, and a caller must not fill them with megabyte names.
    /// </summary>
    public int MaxModelLength { get; init; } = 200;
}
