using System.Runtime.InteropServices;
using System.Text.Json;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Proxy;
using Microsoft.Win32.SafeHandles;

namespace LlmCacheProxy.Admin;

/// <summary>
/// The OpenAI Batch API import: the input file is indexed by <c>custom_id</c> (byte offsets, not loaded), then every
/// output line's 200 answer is stored under the key of the request its input line gives (<c>url</c>, <c>body</c>).
/// </summary>
internal sealed partial class CacheImporter
{
    /// <summary>The 200 answers of <paramref name="outputPath"/>, each stored under the request its input line gives.</summary>
    public async Task<ImportResult> ImportBatchAsync(
        string inputPath, string outputPath, ImportOptions settings, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var requests = new Dictionary<string, (long Offset, int Length)>(StringComparer.Ordinal);
        await using (var input = File.OpenRead(inputPath))
        {
            await foreach (var line in new JsonlReader(input, MaxLineBytes).ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!line.TooLong && CustomId(line.Bytes) is { } id)
                {
                    requests[id] = (line.Offset, line.Bytes.Length);
                }
            }
        }

        using var handle = File.OpenHandle(inputPath);
        await using var output = File.OpenRead(outputPath);
        return await RunAsync(output, output.Length, progress, (line, tally) => StoreBatchAnswer(line, requests, handle, settings, tally),
            cancellationToken).ConfigureAwait(false);
    }

    private string? StoreBatchAnswer(
        byte[] line, Dictionary<string, (long Offset, int Length)> requests, SafeFileHandle input,
        ImportOptions settings, Tally tally)
    {
        using var answer = JsonDocument.Parse(line);
        var root = answer.RootElement;
        if (root.ValueKind != JsonValueKind.Object || CustomId(root) is not { } id)
        {
            return "not a batch output line (no custom_id)";
        }

        if ((root.TryGetProperty("error", out var failed) && failed.ValueKind != JsonValueKind.Null) ||
            !root.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.Object ||
            !response.TryGetProperty("status_code", out var status) || status.ValueKind != JsonValueKind.Number || status.GetInt32() != 200)
        {
            tally.Skipped++; // only 200 answers are stored
            return null;
        }

        if (!response.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object)
        {
            return "response.body is not a JSON object";
        }

        if (!requests.TryGetValue(id, out var at))
        {
            return $"custom_id {Short(id)} is not in the input file";
        }

        var requestLine = new byte[at.Length];
        RandomAccess.Read(input, requestLine, at.Offset);
        using var request = JsonDocument.Parse(requestLine);
        if (!request.RootElement.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String ||
            !request.RootElement.TryGetProperty("body", out var requestBody) || requestBody.ValueKind != JsonValueKind.Object)
        {
            return $"input line of custom_id {Short(id)} has no url and body";
        }

        string route = url.GetString()!.Split('?')[0];
        if (endpoints.Find(route) is not { } endpoint)
        {
            return $"no cacheable endpoint serves url {Short(route)}";
        }

        if (settings.Partition is not { } partition)
        {
            return "passthrough mode: batch answers need the key of the caller they are for (--client-key-env)";
        }

        byte[] requestBytes = JsonMarshal.GetRawUtf8Value(requestBody).ToArray();
        var scope = new CacheControl { Namespace = settings.Namespace };
        if (!endpoint.TryBuildKey(requestBytes, KeyScope.Create(route, null, scope.ScopePartition(partition), []), out var key))
        {
            return $"the request of custom_id {Short(id)} is not cacheable";
        }

        byte[] answerBytes = JsonMarshal.GetRawUtf8Value(body).ToArray();
        if (!endpoint.TryReadAnswer(answerBytes, out var tokens, out decimal? upstreamCost))
        {
            return $"the answer of custom_id {Short(id)} is not a complete answer";
        }

        var now = time.GetUtcNow();
        var ttl = options.Value.TtlFor(key.Model);
        var entry = new CacheEntry
        {
            CacheId = key.CacheId,
            CacheKey = key.Hash,
            Namespace = settings.Namespace,
            Route = route,
            Model = key.Model,
            Provider = BatchProvider,
            Request = key.CanonicalJson,
            RequestBody = requestBytes,
            RequestTimestamp = now,
            Response = new CachedResponse { Status = 200, ContentType = "application/json", Body = answerBytes },
            ResponseTimestamp = now,
            Tokens = tokens,
            // What the same answer costs as a synchronous call: what a hit on it saves.
            Cost = costs.Calculate(key.Model, tokens, upstreamCost),
            ExpiresAt = ttl is { } t ? now + t : null,
            Tags = [BatchProvider],
        };
        return Store(entry, settings, tally);
    }

    private static string? CustomId(byte[] line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object ? CustomId(document.RootElement) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? CustomId(JsonElement root) =>
        root.TryGetProperty("custom_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

}
