using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Unicode;

namespace LlmCacheProxy.Keys;

// Cache key format, v1. Key = lowercase hex SHA-256 of the UTF-8 bytes of one JSON object:
//
//   {"messages":[...],"model":"...","params":{...},"partition":"...","route":"...","v":1}
//
// Canonical JSON, at every depth: no whitespace; object keys sorted by UTF-8 byte order (= code point
// order); strings escape only '"', '\' and U+0000..U+001F (\b \t \n \f \r, else \u00xx) and are otherwise
// raw UTF-8; integral numbers within ±2^53 as plain integers (1.0 and 1e0 -> 1, -0 -> 0), other numbers
// as double "R" (invariant, shortest round trip); a number that overflows a double makes the body
// uncacheable.
//   model     trimmed, lowercased (invariant), then mapped through KeySettings.ModelAliases.
//   messages  every property of every message, null-valued ones dropped; role trimmed and lowercased;
//             content as a string is normalized text (NormalizationMode); as an array of parts, a part
//             with "type":"text" has its "text" normalized, other parts are verbatim; everything else
//             (name, tool_calls with their arguments string, tool_call_id, ...) verbatim.
//   params    every other top-level property except the ignored ones and null values; max_tokens is
//             written as max_completion_tokens; temperature, top_p, n (1) and presence_penalty,
//             frequency_penalty (0) are filled in when absent; non-integral numbers directly under params
//             are rounded to 2 decimals (midpoint away from zero).
//   partition, route  as given by the caller.
// Changing any of this changes every key: bump "v".

/// <summary>Builds the v1 cache key of an OpenAI-style chat request body.</summary>
internal sealed partial class CacheKeyBuilder
{
    private const int FormatVersion = 1;

    private readonly NormalizationMode _mode;
    private readonly Dictionary<string, string> _aliases;
    private readonly byte[][] _ignored;

    public CacheKeyBuilder(KeySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _mode = settings.Normalization;
        _aliases = NormalizeAliases(settings.ModelAliases);
        _ignored = new byte[settings.IgnoredParams.Count][];
        var i = 0;
        foreach (var name in settings.IgnoredParams)
        {
            _ignored[i++] = System.Text.Encoding.UTF8.GetBytes(name);
        }
    }

    /// <summary>
    /// Builds the key, or returns false when the body is not a cacheable chat request: not valid UTF-8 or
    /// JSON, not an object, no string model, no messages array, a message without a string role, nesting
    /// deeper than 64, a duplicate property name anywhere, a number that overflows a double, a lone
    /// surrogate in a string, a temperature that is not a finite number, or max_tokens and
    /// max_completion_tokens that are not the same number. Never throws for the body.
    /// </summary>
    /// <remarks>
    /// Two paths give the same bytes: the fast one reads tokens straight from the body and takes common
    /// requests; anything it does not handle (escaped names, text that is not NFC, Loose rewrites, every
    /// uncacheable body) goes to the document path, which is the reference and the only one that refuses.
    /// </remarks>
    public bool TryBuild(
        ReadOnlyMemory<byte> utf8Body,
        string route,
        string partition,
        [NotNullWhen(true)] out CacheKey? key)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(partition);
        if (!Utf8.IsValid(utf8Body.Span))
        {
            key = null;
            return false;
        }

        return TryBuildFast(utf8Body, route, partition, out key)
            || TryBuildFromDocument(utf8Body, route, partition, out key);
    }

    /// <summary>Trim, lowercase, alias: the model as keys and entries hold it (admin filters use it too).</summary>
    public string NormalizeModel(string model)
    {
        model = FoldModel(model);
        return _aliases.TryGetValue(model, out var alias) ? alias : model;
    }

    // One rule for body models and both sides of an alias, or an alias could stop matching.
    private static string FoldModel(string model) => model.Trim().ToLowerInvariant();

    private static Dictionary<string, string> NormalizeAliases(IReadOnlyDictionary<string, string> aliases)
    {
        var normalized = new Dictionary<string, string>(aliases.Count, StringComparer.Ordinal);
        foreach (var (from, to) in aliases)
        {
            var key = FoldModel(from);
            var value = FoldModel(to);
            if (normalized.TryGetValue(key, out var existing) && existing != value)
            {
                throw new ArgumentException(
                    $"Model alias '{key}' is given twice with different targets.", nameof(aliases));
            }

            normalized[key] = value;
        }

        return normalized;
    }

    // The members after "params", the same on both paths; the object is closed here.
    private static bool TryWriteEnvelopeEnd(string partition, string route, CanonicalJsonWriter writer)
    {
        writer.PropertyName("partition"u8);
        if (!writer.TryStringValue(partition))
        {
            return false;
        }

        writer.PropertyName("route"u8);
        if (!writer.TryStringValue(route))
        {
            return false;
        }

        writer.PropertyName("v"u8);
        writer.IntegerValue(FormatVersion);
        writer.EndObject();
        return true;
    }

    private static CacheKey CreateKey(
        ReadOnlySpan<byte> canonical, string model, bool stream, bool includeUsage, double temperature)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonical, hash);
        return new CacheKey(Convert.ToHexStringLower(hash), model, canonical.ToArray(), stream, includeUsage, temperature);
    }
}
