using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text;
using LlmCacheProxy.Caching.Memory;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using LlmCacheProxy.IntegrationTests.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LlmCacheProxy.IntegrationTests.Reliability;

/// <summary>
/// About 10 s of hits, misses and streams from 16 clients against a proxy whose memory tier is far smaller
/// than the working set, so entries are evicted and re-read from SQLite all along. The CI-sized version of
/// <c>scripts/bench.sh --soak</c>.
/// </summary>
public sealed class MixedLoadTests(ITestOutputHelper output)
{
    private const long MemoryCap = 256 * 1024;
    private const int Clients = 16;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task HitsMissesStreams_SixteenClientsSmallMemoryCap_AllCompleteCorrectMemoryWithinCap()
    {
        await using var ctx = await ProxyTestContext.StartAsync(new Dictionary<string, string?>
        {
            ["Cache:Memory:MaxBytes"] = MemoryCap.ToString(CultureInfo.InvariantCulture),
        });
        var outcomes = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<string>();
        int unique = 0;
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            while (clock.Elapsed < Duration)
            {
                int pick = random.Next(10);
                try
                {
                    if (pick < 5)
                    {
                        // Hot set: 60 prompts whose answers (~1.5 KB) together overflow the memory tier.
                        int words = 150 + random.Next(60);
                        string body = ChatRequests.Body($"hot [[words={words}]]");
                        await CheckJsonAsync(ctx, body, Words(words), outcomes, failures);
                    }
                    else if (pick < 8)
                    {
                        string prompt = $"cold {Interlocked.Increment(ref unique)}";
                        await CheckJsonAsync(ctx, ChatRequests.Body(prompt), "echo: " + prompt, outcomes, failures);
                    }
                    else
                    {
                        int words = 200 + random.Next(20);
                        await CheckStreamAsync(ctx, ChatRequests.Body($"hot stream [[words={words}]]", stream: true), Words(words), outcomes, failures);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException or JsonException or TaskCanceledException)
                {
                    failures.Enqueue(e.GetType().Name + ": " + e.Message);
                }
            }
        })));

        await ctx.Proxy.FlushAsync();
        var memory = ctx.Proxy.Services.GetRequiredService<MemoryTier>();
        using var process = Process.GetCurrentProcess();
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"{outcomes.Values.Sum()} answers in {clock.Elapsed.TotalSeconds:F1} s: " +
            string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")) +
            $"; memory tier {memory.Stats.Bytes} of {MemoryCap} bytes; managed heap {heap / 1024 / 1024} MB, working set {process.WorkingSet64 / 1024 / 1024} MB");

        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers, first: {failures.FirstOrDefault()}");
        Assert.Contains(outcomes.Keys, k => k.StartsWith("HIT", StringComparison.Ordinal));
        Assert.Contains(outcomes.Keys, k => k.StartsWith("MISS", StringComparison.Ordinal));
        Assert.Contains(outcomes.Keys, k => k.StartsWith("stream", StringComparison.Ordinal));
        Assert.True(memory.Stats.Bytes <= MemoryCap, $"memory tier {memory.Stats.Bytes} bytes, cap {MemoryCap}");
        Assert.True(heap < 1024L * 1024 * 1024, $"managed heap {heap} bytes after the run");
    }

    private static async Task CheckJsonAsync(ProxyTestContext ctx, string body, string expected,
        ConcurrentDictionary<string, int> outcomes, ConcurrentQueue<string> failures)
    {
        using var response = await ctx.Proxy.Http.SendAsync(body);
        string text = await response.Content.ReadAsStringAsync();
        string cache = response.Header("X-Cache") ?? "none";
        outcomes.AddOrUpdate(cache + " " + response.Header("X-Cache-Tier"), 1, (_, n) => n + 1);
        if ((int)response.StatusCode != 200)
        {
            failures.Enqueue($"{(int)response.StatusCode} {cache}: {text[..Math.Min(200, text.Length)]}");
            return;
        }

        using var json = JsonDocument.Parse(text);
        string? content = json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        if (content != expected)
        {
            failures.Enqueue($"{cache}: wrong content for {body}");
        }
    }

    private static async Task CheckStreamAsync(ProxyTestContext ctx, string body, string expected,
        ConcurrentDictionary<string, int> outcomes, ConcurrentQueue<string> failures)
    {
        var (response, data) = await RawStream.SendAsync(ctx.Proxy.Http, body);
        using (response)
        {
            string cache = response.Header("X-Cache") ?? "none";
            outcomes.AddOrUpdate("stream " + cache, 1, (_, n) => n + 1);
            if ((int)response.StatusCode != 200 || data.Count == 0 || data[^1] != "[DONE]")
            {
                failures.Enqueue($"stream {(int)response.StatusCode} {cache}: {data.Count} events, last {data.LastOrDefault()}");
                return;
            }

            var text = new StringBuilder();
            foreach (string payload in data.Take(data.Count - 1))
            {
                using var json = JsonDocument.Parse(payload);
                if (json.RootElement.GetProperty("choices") is { ValueKind: JsonValueKind.Array } choices && choices.GetArrayLength() > 0 &&
                    choices[0].GetProperty("delta").TryGetProperty("content", out var part) && part.ValueKind == JsonValueKind.String)
                {
                    text.Append(part.GetString());
                }
            }

            if (text.ToString() != expected)
            {
                failures.Enqueue($"stream {cache}: wrong content for {body}");
            }
        }
    }

    private static string Words(int n) => string.Join(' ', Enumerable.Range(1, n).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture)));
}
