using System.Diagnostics.CodeAnalysis;
using System.Text.Unicode;

namespace LlmCacheProxy.Keys;

// Chat completions key, format v2. Key = lowercase hex SHA-256 of the UTF-8 bytes of one JSON object:
//
//   {"endpoint":"chat.completions","messages":[...],"model":"...","params":{...},
//    "partition":"...","route":"...","v":2,"vary":{...}}                  (envelope: KeyEnvelope)
//
// Canonical JSON, at every depth: no whitespace; object keys sorted by UTF-8 byte order (= code point
// order); strings escape only '"', '\' and U+0000..U+001F (\b \t \n \f \r, else \u00xx) and are otherwise
// raw UTF-8. Numbers: an integer literal digit for digit (-0 -> 0, no limit at 2^53); a fraction or exponent
// that is integral within ±2^53 as an integer (1.0, 1e0 -> 1), any other as double "R" (invariant, shortest
// round trip); a number that overflows a double makes the body uncacheable.
//   model     trimmed, lowercased (invariant), then mapped through KeySettings.ModelAliases; longer than
//             KeySettings.MaxModelLength: not cacheable.
//   messages  every property of every message, null-valued ones dropped; role trimmed and lowercased;
//             content as a string is normalized text (NormalizationMode); as an array of parts, a part
//             with "type":"text" has its "text" normalized, other parts are verbatim; everything else
//             (name, tool_calls with their arguments string, tool_call_id, ...) verbatim.
//   params    every other top-level property except KeySettings.IgnoredParams and null values; max_tokens
//             is written as max_completion_tokens (both present: the same number exactly, else not
//             cacheable); temperature, top_p, n (1) and presence_penalty, frequency_penalty (0) are filled in
//             when absent; numbers directly under a KeySettings.RoundedParams name (temperature, top_p) are
//             rounded to 2 decimals (midpoint away from zero), every other number is exact.

/// <summary>Builds the v2 cache key of an OpenAI-style chat completions request body.</summary>
internal sealed partial class ChatKeyBuilder
{
    private static readonly ParamDefault[] FilledDefaults =
    [
        ParamDefault.Of("temperature", "1"),
        ParamDefault.Of("top_p", "1"),
        ParamDefault.Of("n", "1"),
        ParamDefault.Of("presence_penalty", "0"),
        ParamDefault.Of("frequency_penalty", "0"),
    ];

    private readonly NormalizationMode _mode;
    private readonly ModelNormalizer _models;
    private readonly MessageWriter _messages;
    private readonly ParamsSpec _params;

    public ChatKeyBuilder(KeySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _mode = settings.Normalization;
        _models = new ModelNormalizer(settings);
        _messages = new MessageWriter(settings.Normalization, "text");
        _params = new ParamsSpec(["model", "messages"], settings.IgnoredParams, settings.RoundedParams, FilledDefaults)
        {
            MergesMaxTokens = true,
        };
    }

    /// <summary>
    /// Builds the key, or returns false when the body is not a cacheable chat request: not valid UTF-8 or
    /// JSON, not an object, no string model, a model longer than the limit, no messages array, a message
    /// without a string role, nesting deeper than 64, a duplicate property name anywhere, a number that
    /// overflows a double, a lone surrogate in a string, a temperature that is not a finite number, or
    /// max_tokens and max_completion_tokens that are not the same number. Never throws for the body.
    /// </summary>
    /// <remarks>
    /// Two paths give the same bytes: the fast one reads tokens straight from the body and takes common
    /// requests; anything it does not handle (escaped names, text that is not NFC, Loose rewrites, every
    /// uncacheable body) goes to the document path, which is the reference and the only one that refuses.
    /// </remarks>
    public bool TryBuild(ReadOnlyMemory<byte> utf8Body, KeyScope scope, [NotNullWhen(true)] out CacheKey? key)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!Utf8.IsValid(utf8Body.Span))
        {
            key = null;
            return false;
        }

        return TryBuildFast(utf8Body, scope, out key) || TryBuildFromDocument(utf8Body, scope, out key);
    }

    /// <summary>Trim, lowercase, alias: the model as keys and entries hold it (admin filters use it too).</summary>
    public string NormalizeModel(string model) => _models.Normalize(model);
}
