using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Endpoints.Embeddings;

/// <summary>
/// One <c>/v1/embeddings</c> request split per input item (<see cref="IUnitRequest"/>). Identical items share one unit.
/// Upstream is always asked for <c>"encoding_format": "base64"</c>, the float32 bytes themselves, so what is stored is
/// exact whatever the client asked; every other field goes upstream as the client sent it.
/// </summary>
internal sealed class EmbeddingsBatch : IUnitRequest
{
    private readonly ReadOnlyMemory<byte> _body;
    private readonly EmbeddingsRequest _request;
    private readonly byte[][] _raw;

    public EmbeddingsBatch(ReadOnlyMemory<byte> body, EmbeddingsRequest request)
    {
        _body = body;
        _request = request;
        var units = new List<CacheKey>();
        var raw = new List<byte[]>();
        var byHash = new Dictionary<string, int>(StringComparer.Ordinal);
        var positions = new int[request.Items.Count];
        for (int i = 0; i < positions.Length; i++)
        {
            var item = request.Items[i];
            if (!byHash.TryGetValue(item.Key.Hash, out int unit))
            {
                unit = units.Count;
                byHash[item.Key.Hash] = unit;
                units.Add(item.Key);
                raw.Add(item.RawJson);
            }

            positions[i] = unit;
        }

        Units = units;
        Positions = positions;
        _raw = [.. raw];
    }

    public IReadOnlyList<CacheKey> Units { get; }

    public IReadOnlyList<int> Positions { get; }

    /// <summary>
    /// The client's object with <c>input</c> holding only <paramref name="units"/> (a list, or the single value when the
    /// client sent one) and <c>encoding_format</c> set to base64; every other member byte for byte.
    /// </summary>
    public byte[] UpstreamBody(IReadOnlyList<int> units)
    {
        var buffer = new ArrayBufferWriter<byte>(_body.Length + 64);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            using var doc = JsonDocument.Parse(_body);
            w.WriteStartObject();
            foreach (var member in doc.RootElement.EnumerateObject())
            {
                if (!member.NameEquals("input") && !member.NameEquals("encoding_format"))
                {
                    member.WriteTo(w);
                }
            }

            w.WritePropertyName("input");
            if (_request.IsSingleInput && units.Count == 1)
            {
                w.WriteRawValue(_raw[units[0]], skipInputValidation: true);
            }
            else
            {
                w.WriteStartArray();
                foreach (int unit in units)
                {
                    w.WriteRawValue(_raw[unit], skipInputValidation: true);
                }

                w.WriteEndArray();
            }

            w.WriteString("encoding_format", EmbeddingsRequest.Base64);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// OpenAI's list: <c>data[j]</c> with <c>index</c> j (the j-th asked unit) and its <c>embedding</c>, <c>model</c>, and
    /// <c>usage.prompt_tokens</c> (and an upstream <c>usage.cost</c>), split per item by <see cref="EmbeddingTokens"/>.
    /// </summary>
    public bool TrySplitAnswer(ReadOnlyMemory<byte> json, IReadOnlyList<int> units, out IReadOnlyList<UnitAnswer> answers)
    {
        answers = [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("error", out _) ||
                !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array || data.GetArrayLength() != units.Count)
            {
                return false;
            }

            var vectors = new byte[units.Count][];
            foreach (var item in data.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("index", out var index) ||
                    !index.TryGetInt32(out int at) || at < 0 || at >= units.Count || vectors[at] is not null ||
                    !item.TryGetProperty("embedding", out var embedding) || EmbeddingVector.TryRead(embedding) is not { } vector)
                {
                    return false;
                }

                vectors[at] = vector;
            }

            string model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : _request.Model;
            var (total, cost) = Usage(root);
            var tokens = EmbeddingTokens.Split(_request.Model, units.Select(u => _raw[u]).ToList(), total);
            var costs = cost is { } c ? Costs(c, tokens.Select(t => t.Input).ToList()) : null;
            var result = new UnitAnswer[units.Count];
            for (int i = 0; i < result.Length; i++)
            {
                var response = new CachedResponse { Status = 200, ContentType = "application/json", Body = EmbeddingItemBody.Write(model, vectors[i]) };
                result[i] = new UnitAnswer(response, tokens[i], costs?[i]);
            }

            answers = result;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public Task WriteAsync(HttpContext context, IReadOnlyList<CacheEntry> units) =>
        EmbeddingsAnswerWriter.WriteAsync(context, units, Positions, _request.EncodingFormat == EmbeddingsRequest.Base64);

    private static (long? Total, decimal? Cost) Usage(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        long? total = usage.TryGetProperty("prompt_tokens", out var p) && p.TryGetInt64(out long n) ? n : null;
        decimal? cost = usage.TryGetProperty("cost", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetDecimal(out decimal d) ? d : null;
        return (total, cost);
    }

    /// <summary>Upstream's reported cost split like its tokens.</summary>
    private static decimal[] Costs(decimal cost, IReadOnlyList<long> tokens)
    {
        long sum = tokens.Sum();
        return tokens.Select(t => sum == 0 ? cost / tokens.Count : cost * t / sum).ToArray();
    }
}
