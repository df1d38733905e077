using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LlmCacheProxy.Keys;

// Legacy completions key, format v2. Key = lowercase hex SHA-256 of the UTF-8 bytes of one canonical JSON
// object (canonical JSON and numbers as in the chat key):
//
//   {"endpoint":"completions","model":"...","params":{...},"partition":"...","prompt":...,
//    "route":"...","v":2,"vary":{...}}                                    (envelope: KeyEnvelope)
//
//   model   as in the chat key (trim, lowercase, aliases, length limit).
//   prompt  left out when absent or null. A string, or an array of strings: each normalized by the Exact rules
//           only (CRLF and CR -> LF, NFC), whatever KeySettings.Normalization says: never trimmed or collapsed,
//           since a trailing space changes a completion. A token array, or an array of token arrays: integers
//           digit for digit.
//   params  every other top-level field except KeySettings.IgnoredParams and null values (suffix, echo,
//           best_of, logprobs, max_tokens, stop, seed, logit_bias, ... verbatim); defaults filled: temperature
//           1, top_p 1, n 1, presence_penalty 0, frequency_penalty 0, echo false, best_of 1, max_tokens 16;
//           numbers directly under a KeySettings.RoundedParams name rounded to 2 decimals, all others exact.

/// <summary>Builds the v2 cache key of a legacy <c>/v1/completions</c> request body.</summary>
internal sealed class CompletionsKeyBuilder
{
    private static readonly ParamDefault[] FilledDefaults =
    [
        ParamDefault.Of("temperature", "1"),
        ParamDefault.Of("top_p", "1"),
        ParamDefault.Of("n", "1"),
        ParamDefault.Of("presence_penalty", "0"),
        ParamDefault.Of("frequency_penalty", "0"),
        ParamDefault.Of("echo", "false"),
        ParamDefault.Of("best_of", "1"),
        ParamDefault.Of("max_tokens", "16"),
    ];

    private readonly ModelNormalizer _models;
    private readonly MessageWriter _text = new(NormalizationMode.Exact);
    private readonly ParamsSpec _params;

    public CompletionsKeyBuilder(KeySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _models = new ModelNormalizer(settings);
        _params = new ParamsSpec(["model", "prompt"], settings.IgnoredParams, settings.RoundedParams, FilledDefaults);
    }

    /// <summary>
    /// Builds the key, or false when the body is not cacheable: not a JSON object (as for chat), no string
    /// model or one over the length limit, a prompt that is not a string, strings, a token array or token
    /// arrays (empty arrays and non-integer tokens included), or a temperature that is not a finite number.
    /// Never throws for the body.
    /// </summary>
    public bool TryBuild(ReadOnlyMemory<byte> utf8Body, KeyScope scope, [NotNullWhen(true)] out CacheKey? key)
    {
        ArgumentNullException.ThrowIfNull(scope);
        key = null;
        using var document = KeyDocument.TryParse(utf8Body);
        if (document is null)
        {
            return false;
        }

        using var writer = new CanonicalJsonWriter(utf8Body.Length + 128);
        try
        {
            return TryBuild(document.RootElement, scope, writer, out key);
        }
        catch (Exception e) when (KeyDocument.IsInvalidText(e))
        {
            key = null;
            return false;
        }
    }

    private bool TryBuild(JsonElement root, KeyScope scope, CanonicalJsonWriter writer, [NotNullWhen(true)] out CacheKey? key)
    {
        key = null;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("model"u8, out var modelElement)
            || modelElement.ValueKind != JsonValueKind.String
            || !_models.TryNormalize(modelElement.GetString()!, out var model))
        {
            return false;
        }

        var envelope = KeyEnvelope.Begin(writer, KeyEndpoint.Completions, scope);
        var temperature = 1.0;
        var ok = envelope.Member("model"u8) && writer.TryStringValue(model)
            && envelope.Member("params"u8) && ParamsWriter.TryWrite(root, _params, writer, out temperature);
        ok = ok && (!root.TryGetProperty("prompt"u8, out var prompt) || prompt.ValueKind == JsonValueKind.Null
            || (envelope.Member("prompt"u8) && TryWritePrompt(prompt, writer)));
        if (!ok || !envelope.TryEnd())
        {
            return false;
        }

        key = CacheKey.Create(
            writer.Written,
            KeyEndpoint.Completions,
            model,
            KeyDocument.IsTrue(root, "stream"u8),
            KeyDocument.IncludesUsage(root),
            temperature);
        return true;
    }

    private bool TryWritePrompt(JsonElement prompt, CanonicalJsonWriter writer)
    {
        if (prompt.ValueKind == JsonValueKind.String)
        {
            return _text.TryWriteText(prompt, writer);
        }

        if (prompt.ValueKind != JsonValueKind.Array || prompt.GetArrayLength() == 0)
        {
            return false;
        }

        var first = prompt[0].ValueKind;
        writer.StartArray();
        foreach (var item in prompt.EnumerateArray())
        {
            var ok = first switch
            {
                JsonValueKind.String => item.ValueKind == JsonValueKind.String && _text.TryWriteText(item, writer),
                JsonValueKind.Number => TryWriteToken(item, writer),
                JsonValueKind.Array => TryWriteTokenArray(item, writer),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        writer.EndArray();
        return true;
    }

    private static bool TryWriteTokenArray(JsonElement tokens, CanonicalJsonWriter writer)
    {
        if (tokens.ValueKind != JsonValueKind.Array || tokens.GetArrayLength() == 0)
        {
            return false;
        }

        writer.StartArray();
        foreach (var token in tokens.EnumerateArray())
        {
            if (!TryWriteToken(token, writer))
            {
                return false;
            }
        }

        writer.EndArray();
        return true;
    }

    // Only integer literals: 1.0 is not a token id.
    private static bool TryWriteToken(JsonElement token, CanonicalJsonWriter writer) =>
        token.ValueKind == JsonValueKind.Number
        && CanonicalElement.IsPlainInteger(JsonMarshal.GetRawUtf8Value(token))
        && CanonicalElement.TryWriteNumber(token, roundToHundredths: false, writer);
}
