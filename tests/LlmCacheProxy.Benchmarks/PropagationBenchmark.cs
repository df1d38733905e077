using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace LlmCacheProxy.Benchmarks;

/// <summary>
/// <c>scripts/bench.sh --redis</c>, invalidation propagation: two running proxies A and B sharing a tier. Per round a
/// fresh model's answer is stored through A and served by B (from its memory), then A invalidates the model and B is
/// asked with <c>only-if-cached</c> in a tight loop until it misses (504). Prints the median and the worst time from
/// sending the invalidation to B's first miss (the admin call's own time included, and printed apart). One unmeasured
/// round first warms both paths up.
/// </summary>
internal static class PropagationBenchmark
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(30);

    /// <summary>Arguments: base URL of A, base URL of B, admin token, rounds.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var a = new Uri(args[0]);
        var b = new Uri(args[1]);
        string token = args[2];
        int rounds = int.Parse(args[3], CultureInfo.InvariantCulture);
        string run = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        var times = new List<double>();
        var adminTimes = new List<double>();
        for (int round = -1; round < rounds; round++)
        {
            string model = $"prop-{run}-{round}";
            string body = $"{{\"model\":\"{model}\",\"messages\":[{{\"role\":\"user\",\"content\":\"propagation {round}\"}}]}}";
            (await ChatAsync(http, a, body, onlyIfCached: false)).Dispose();
            if (!await UntilAsync(async () => await StatusAsync(http, b, body) == HttpStatusCode.OK))
            {
                Console.Error.WriteLine($"round {round}: B never served the entry");
                return 1;
            }

            var clock = Stopwatch.StartNew();
            using (var invalidate = new HttpRequestMessage(HttpMethod.Post, new Uri(a, "admin/cache/invalidate")))
            {
                invalidate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                invalidate.Content = new StringContent($"{{\"model\":\"{model}\"}}", Encoding.UTF8, "application/json");
                (await http.SendAsync(invalidate)).EnsureSuccessStatusCode();
            }

            double adminMs = clock.Elapsed.TotalMilliseconds;

            while (await StatusAsync(http, b, body) == HttpStatusCode.OK)
            {
                if (clock.Elapsed > GiveUp)
                {
                    Console.Error.WriteLine($"round {round}: B still served the entry after {GiveUp.TotalSeconds} s");
                    return 1;
                }
            }

            if (round >= 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
                adminTimes.Add(adminMs);
            }
        }

        times.Sort();
        adminTimes.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"propagation_p50_ms={times[times.Count / 2]:F1} propagation_max_ms={times[^1]:F1} admin_p50_ms={adminTimes[adminTimes.Count / 2]:F1} rounds={rounds}"));
        return 0;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, Uri proxy, string body)
    {
        using var response = await ChatAsync(http, proxy, body, onlyIfCached: true);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> ChatAsync(HttpClient http, Uri proxy, string body, bool onlyIfCached)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(proxy, "v1/chat/completions"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-bench-0123456789abcdef");
        if (onlyIfCached)
        {
            request.Headers.CacheControl = new CacheControlHeaderValue { OnlyIfCached = true };
        }

        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response;
    }

    private static async Task<bool> UntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < GiveUp)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }
}
