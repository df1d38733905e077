using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using FakeUpstream;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace LlmCacheProxy.IntegrationTests.Reliability;

/// <summary>
/// kill -9 of the real proxy process during a write burst, then a restart on the same SQLite file. The loss
/// window (how long after a client has its answer the entry is committed) is measured and written to the
/// test output, not asserted: the machine is shared and timings vary.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int BurstSize = 200;
    private const int Clients = 8;

    [Fact]
    public async Task KilledDuringWriteBurst_Restarted_FlushedEntriesHitNothingCorrupt()
    {
        await using var upstream = await FakeOpenAiServer.StartAsync();
        using var directory = new TestDirectory();
        string first = Guid.NewGuid().ToString("N")[..8];
        var firstBurst = Enumerable.Range(0, BurstSize).Select(i => ChatRequests.Body($"crash {first} one {i}")).ToArray();
        var secondBurst = Enumerable.Range(0, BurstSize * 3).Select(i => ChatRequests.Body($"crash {first} two {i}")).ToArray();
        var seen = new ConcurrentDictionary<string, byte[]>();
        var clock = Stopwatch.StartNew();

        var proxy = await ProxyProcess.StartAsync(upstream.BaseAddress, directory.SqlitePath);
        try
        {
            // Burst 1, with the committed entry count polled alongside to measure the loss window.
            var completedAt = new ConcurrentBag<double>();
            using var stopPolling = new CancellationTokenSource();
            var polling = PollCommittedAsync(directory.SqlitePath, clock, stopPolling.Token);
            await RunBurstAsync(proxy.Http, firstBurst, seen, completedAt, clock, null);
            await WaitForCommittedAsync(directory.SqlitePath, BurstSize, proxy);
            await stopPolling.CancelAsync();
            ReportLossWindow(completedAt.Order().ToArray(), await polling);

            // Burst 2: killed once a quarter of it has been answered, with requests still in flight.
            var secondCompleted = new ConcurrentDictionary<string, double>();
            var killed = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
            var burst = RunBurstAsync(proxy.Http, secondBurst, seen, null, clock, (body, at) =>
            {
                secondCompleted[body] = at;
                if (secondCompleted.Count == BurstSize / 4)
                {
                    killed.TrySetResult(at);
                }
            });
            await killed.Task.WaitAsync(TimeSpan.FromSeconds(120));
            await proxy.KillAsync();
            double killedAt = clock.Elapsed.TotalMilliseconds;
            await burst;
            await proxy.DisposeAsync();

            // Restart on the same file: WAL recovery, ready, intact.
            proxy = await ProxyProcess.StartAsync(upstream.BaseAddress, directory.SqlitePath);
            using (var ready = await proxy.Http.GetAsync("/readyz"))
            {
                string text = await ready.Content.ReadAsStringAsync();
                Assert.Equal(200, (int)ready.StatusCode);
                Assert.Contains("\"sqlite\":\"ok\"", text);
            }

            await using (var check = ReadOnly(directory.SqlitePath))
            {
                await check.OpenAsync();
                await using var integrity = check.CreateCommand();
                integrity.CommandText = "PRAGMA integrity_check";
                Assert.Equal("ok", (string)(await integrity.ExecuteScalarAsync())!);
            }

            foreach (string body in firstBurst)
            {
                using var response = await proxy.Http.SendAsync(body);
                Assert.Equal("HIT", response.Header("X-Cache"));
                Assert.Equal(seen[body], await response.Content.ReadAsByteArrayAsync());
            }

            int hits = 0;
            var lostAges = new List<double>();
            foreach (string body in secondBurst)
            {
                using var response = await proxy.Http.SendAsync(body);
                byte[] answer = await response.Content.ReadAsByteArrayAsync();
                Assert.Equal(200, (int)response.StatusCode);
                string? cache = response.Header("X-Cache");
                if (cache == "HIT")
                {
                    hits++;
                    if (seen.TryGetValue(body, out byte[]? before))
                    {
                        Assert.Equal(before, answer);
                    }
                }
                else
                {
                    Assert.Equal("MISS", cache);
                    if (secondCompleted.TryGetValue(body, out double at))
                    {
                        lostAges.Add(killedAt - at);
                    }
                }

                // Whatever the source, the answer is the whole, right completion for this request.
                using var json = JsonDocument.Parse(answer);
                string prompt = JsonDocument.Parse(body).RootElement.GetProperty("messages")[0].GetProperty("content").GetString()!;
                Assert.Equal("echo: " + prompt, json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
            }

            output.WriteLine($"burst 2: {secondCompleted.Count} answered before the kill, {hits} hits after restart, " +
                $"{lostAges.Count} answered but lost" +
                (lostAges.Count == 0 ? "" : $" (answered {lostAges.Min():F1} to {lostAges.Max():F1} ms before the kill)"));
        }
        finally
        {
            await proxy.DisposeAsync();
        }
    }

    private static async Task RunBurstAsync(HttpClient http, string[] bodies, ConcurrentDictionary<string, byte[]> seen,
        ConcurrentBag<double>? completedAt, Stopwatch clock, Action<string, double>? onAnswered)
    {
        int next = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length)
            {
                try
                {
                    using var response = await http.SendAsync(bodies[i]);
                    byte[] answer = await response.Content.ReadAsByteArrayAsync();
                    double at = clock.Elapsed.TotalMilliseconds;
                    Assert.Equal(200, (int)response.StatusCode);
                    seen[bodies[i]] = answer;
                    completedAt?.Add(at);
                    onAnswered?.Invoke(bodies[i], at);
                }
                catch (HttpRequestException) when (onAnswered is not null)
                {
                    return; // the proxy was killed
                }
            }
        }));
    }

    /// <summary>(time ms, committed entries) samples from a separate read-only connection, until cancelled.</summary>
    private static async Task<List<(double At, long Count)>> PollCommittedAsync(string path, Stopwatch clock, CancellationToken stop)
    {
        var samples = new List<(double, long)>();
        await using var connection = ReadOnly(path);
        await connection.OpenAsync(CancellationToken.None);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM entries";
        while (!stop.IsCancellationRequested)
        {
            samples.Add((clock.Elapsed.TotalMilliseconds, (long)(await count.ExecuteScalarAsync(CancellationToken.None))!));
            await Task.Delay(1, CancellationToken.None);
        }

        return samples;
    }

    private static async Task WaitForCommittedAsync(string path, long expected, ProxyProcess proxy)
    {
        await using var connection = ReadOnly(path);
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM entries";
        long committed = 0;
        await Poll.AssertEventuallyAsync(async () => (committed = (long)(await count.ExecuteScalarAsync())!) >= expected,
            $"{expected} entries committed\n{proxy.Output}", TimeSpan.FromSeconds(60));
        Assert.Equal(expected, committed);
    }

    /// <summary>
    /// For the k-th answer the client completed, the time until the committed count first reached k: an
    /// upper bound of how long that answer's entry was not yet durable.
    /// </summary>
    private void ReportLossWindow(double[] completed, List<(double At, long Count)> samples)
    {
        var lags = new List<double>();
        for (int k = 1; k <= completed.Length; k++)
        {
            var reached = samples.FirstOrDefault(s => s.Count >= k);
            if (reached != default)
            {
                lags.Add(Math.Max(0, reached.At - completed[k - 1]));
            }
        }

        lags.Sort();
        double sampling = samples.Count < 2 ? 0 : (samples[^1].At - samples[0].At) / (samples.Count - 1);
        output.WriteLine($"loss window over {lags.Count} answers: p50 {Percentile(lags, 0.5):F1} ms, " +
            $"p95 {Percentile(lags, 0.95):F1} ms, max {lags.LastOrDefault():F1} ms (count polled every {sampling:F1} ms)");
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static SqliteConnection ReadOnly(string path) => new($"Data Source={path};Mode=ReadOnly;Pooling=False");
}
