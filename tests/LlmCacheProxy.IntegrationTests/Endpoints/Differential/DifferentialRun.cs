using System.Collections.Concurrent;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Endpoints.Differential;

/// <summary>
/// Sends every variant through the proxy (eight at a time, each variant's three requests in order) and collects what
/// broke the rule: the first request goes upstream, the same request spelled otherwise is answered from the cache with
/// the first answer, the changed one goes upstream and gets upstream's own answer (checked by the caller).
/// </summary>
internal static class DifferentialRun
{
    public const int Variants = 1000;

    /// <param name="changedAnswer">The changed request's answer and its variant; returns what is wrong with it, or null.</param>
    public static async Task<List<string>> RunAsync(
        ProxyTestContext ctx, IReadOnlyList<Variant> variants, Func<Variant, string, string, string?> changedAnswer)
    {
        var failures = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, variants.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var v = variants[i];
            var (first, firstBody) = await SendAsync(ctx.Proxy.Http, v.Path, v.First, null);
            var (same, sameBody) = await SendAsync(ctx.Proxy.Http, v.Path, v.Same, null);
            var (changed, changedBody) = await SendAsync(ctx.Proxy.Http, v.ChangedPath ?? v.Path, v.Changed, v.ChangedHeader);
            if (first != "MISS")
            {
                failures.Enqueue($"variant {i}: first request {first}\n{v.First}");
            }

            if (same is not ("HIT" or "COALESCED") || sameBody != firstBody)
            {
                failures.Enqueue($"variant {i}: same request spelled otherwise {same}{(sameBody != firstBody ? ", another answer" : "")}\n{v.First}\n{v.Same}");
            }

            if (changed != "MISS" && changed != "PARTIAL")
            {
                failures.Enqueue($"variant {i}: {v.What} was {changed}\n{v.First}\n{v.Changed}");
            }
            else if (changedAnswer(v, firstBody, changedBody) is { } wrong)
            {
                failures.Enqueue($"variant {i}: {v.What}: {wrong}\n{v.Changed}");
            }
        });
        return [.. failures];
    }

    private static async Task<(string Cache, string Body)> SendAsync(HttpClient http, string path, string body, (string Name, string Value)? header)
    {
        using var request = EndpointRequests.Post(path, body);
        if (header is { } h)
        {
            request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        }

        using var response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? (response.Header("X-Cache") ?? "", text) : ($"{(int)response.StatusCode} {text}", text);
    }
}
