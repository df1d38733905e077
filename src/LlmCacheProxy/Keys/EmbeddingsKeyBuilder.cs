using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LlmCacheProxy.Keys;

// Embeddings item key, format v2: one key per input item, so a batch can be partly served from cache.
// Key = lowercase hex SHA-256 of the UTF-8 bytes of one canonical JSON object (canonical JSON and numbers
// as in the chat key):
//
//   {"endpoint":"embeddings","item":...,"model":"...","params":{...},
//    "partition":"...","route":"...","v":2,"vary":{...}}                  (envelope: KeyEnvelope)
//
//   item    a string exactly as sent (no trimming, no NFC: a vector is a function of the exact text; only
//           JSON escapes are canonical), or a token array of integers digit for digit. The same item keys
//           alike whether it came alone or in a batch, at any position.
//   model   as in the chat key (trim, lowercase, aliases, length limit).
//   params  every other top-level field except input, encoding_format and user, null values dropped, no
//           defaults, every number exact (dimensions among them).

/// <summary>Parses a <c>/v1/embeddings</c> body into per-item v2 keys.</summary>
internal sealed class EmbeddingsKeyBuilder
{
    /// <summary>The API's limit on items per request.</summary>
    public const int MaxItems = 2048;

    private readonly ModelNormalizer _models;
    private readonly ParamsSpec _params;

    public EmbeddingsKeyBuilder(KeySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _models = new ModelNormalizer(settings);
        _params = new ParamsSpec(["model", "input", "encoding_format", "user"], [], [], [])
        {
            ChecksTemperature = false,
        };
    }

    /// <summary>
    /// Parses the body, or false when it is not cacheable (forwarded untouched): not a JSON object (as for chat),
    /// no string model or one over the length limit, an input that is empty, an empty string, an empty token
    /// array, a token that is not an integer literal, a mix of shapes or more than <see cref="MaxItems"/> items;
    /// an encoding_format other than float or base64; dimensions that are not an integer. Never throws for the body.
    /// </summary>
    public bool TryParse(ReadOnlyMemory<byte> utf8Body, KeyScope scope, [NotNullWhen(true)] out EmbeddingsRequest? request)
    {
        ArgumentNullException.ThrowIfNull(scope);
        request = null;
        using var document = KeyDocument.TryParse(utf8Body);
        if (document is null)
        {
            return false;
        }

        try
        {
            return TryParse(document.RootElement, scope, out request);
        }
        catch (Exception e) when (KeyDocument.IsInvalidText(e))
        {
            request = null;
            return false;
        }
    }

    private bool TryParse(JsonElement root, KeyScope scope, [NotNullWhen(true)] out EmbeddingsRequest? request)
    {
        request = null;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("model"u8, out var modelElement)
            || modelElement.ValueKind != JsonValueKind.String
            || !_models.TryNormalize(modelElement.GetString()!, out var model)
            || !root.TryGetProperty("input"u8, out var input)
            || !TryClassify(input, out var form)
            || !TryGetEncodingFormat(root, out var encodingFormat)
            || !TryGetDimensions(root, out var dimensions))
        {
            return false;
        }

        using var paramsWriter = new CanonicalJsonWriter(256);
        if (!ParamsWriter.TryWrite(root, _params, paramsWriter, out _))
        {
            return false;
        }

        var items = new List<EmbeddingsItem>(form is EmbeddingsInputForm.Text or EmbeddingsInputForm.Tokens ? 1 : input.GetArrayLength());
        using var writer = new CanonicalJsonWriter(512);
        if (form is EmbeddingsInputForm.Text or EmbeddingsInputForm.Tokens)
        {
            if (!TryAddItem(input, model, paramsWriter.Written, scope, writer, items))
            {
                return false;
            }
        }
        else
        {
            foreach (var item in input.EnumerateArray())
            {
                if (!TryAddItem(item, model, paramsWriter.Written, scope, writer, items))
                {
                    return false;
                }
            }
        }

        request = new EmbeddingsRequest(model, items, dimensions, encodingFormat, form);
        return true;
    }

    private static bool TryAddItem(
        JsonElement item, string model, ReadOnlySpan<byte> canonicalParams, KeyScope scope, CanonicalJsonWriter writer,
        List<EmbeddingsItem> items)
    {
        writer.Reset();
        var envelope = KeyEnvelope.Begin(writer, KeyEndpoint.Embeddings, scope);
        var ok = envelope.Member("item"u8) && CanonicalElement.TryWrite(item, writer)
            && envelope.Member("model"u8) && writer.TryStringValue(model)
            && envelope.Member("params"u8);
        if (!ok)
        {
            return false;
        }

        writer.RawValue(canonicalParams);
        if (!envelope.TryEnd())
        {
            return false;
        }

        var key = CacheKey.Create(writer.Written, KeyEndpoint.Embeddings, model, stream: false, includeUsage: false, temperature: 0);
        items.Add(new EmbeddingsItem(key, JsonMarshal.GetRawUtf8Value(item).ToArray()));
        return true;
    }

    private static bool TryClassify(JsonElement input, out EmbeddingsInputForm form)
    {
        form = default;
        if (input.ValueKind == JsonValueKind.String)
        {
            form = EmbeddingsInputForm.Text;
            return !CanonicalElement.RawStringContent(input).IsEmpty;
        }

        var count = input.ValueKind == JsonValueKind.Array ? input.GetArrayLength() : 0;
        if (count is 0 or > MaxItems)
        {
            return false;
        }

        form = input[0].ValueKind switch
        {
            JsonValueKind.String => EmbeddingsInputForm.Texts,
            JsonValueKind.Number => EmbeddingsInputForm.Tokens,
            _ => EmbeddingsInputForm.TokenArrays,
        };
        foreach (var item in input.EnumerateArray())
        {
            var ok = form switch
            {
                EmbeddingsInputForm.Texts => item.ValueKind == JsonValueKind.String && !CanonicalElement.RawStringContent(item).IsEmpty,
                EmbeddingsInputForm.Tokens => IsToken(item),
                _ => IsTokenArray(item),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTokenArray(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() == 0)
        {
            return false;
        }

        foreach (var token in item.EnumerateArray())
        {
            if (!IsToken(token))
            {
                return false;
            }
        }

        return true;
    }

    // Only integer literals: 1.0 or 1e0 is not a token id, and upstream would refuse it.
    private static bool IsToken(JsonElement token) =>
        token.ValueKind == JsonValueKind.Number && CanonicalElement.IsPlainInteger(JsonMarshal.GetRawUtf8Value(token));

    private static bool TryGetEncodingFormat(JsonElement root, out string format)
    {
        format = EmbeddingsRequest.Float;
        if (!root.TryGetProperty("encoding_format"u8, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.String && value.ValueEquals(EmbeddingsRequest.Base64))
        {
            format = EmbeddingsRequest.Base64;
            return true;
        }

        return value.ValueKind == JsonValueKind.String && value.ValueEquals(EmbeddingsRequest.Float);
    }

    private static bool TryGetDimensions(JsonElement root, out int? dimensions)
    {
        dimensions = null;
        if (!root.TryGetProperty("dimensions"u8, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (!CanonicalElement.TryGetFiniteDouble(value, out var number)
            || number != Math.Floor(number)
            || number is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        dimensions = (int)number;
        return true;
    }
}
