using System.Text.Json;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Redis;

/// <summary>Redis dies under load: every request is still answered (other tiers, upstream), readiness says degraded, and it recovers.</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task RedisKilledUnderLoad_EveryRequestAnswered_ReadinessDegraded_RecoversAfterRestart()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var ctx = await ProxyTestContext.StartAsync(redis.ProxySettings());
        using var stop = new CancellationTokenSource();
        int sent = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            // Bounded: at most 500 requests a worker, and it stops when told.
            for (int i = 0; i < 500 && !stop.IsCancellationRequested; i++)
            {
                // Every third request is new (a miss, a store); the others repeat (hits).
                string body = ChatRequests.Body(i % 3 == 0 ? $"load {worker}-{i}" : $"hot {i % 5}");
                using var response = await ctx.Proxy.Http.SendAsync(body);
                Interlocked.Increment(ref sent);
                if (!response.IsSuccessStatusCode)
                {
                    failures.Enqueue($"{(int)response.StatusCode} {response.Header("X-Cache")}");
                }
            }
        })).ToArray();

        await Poll.AssertEventuallyAsync(() => Volatile.Read(ref sent) >= 100, "the load to start");
        await redis.KillAsync();
        int atKill = Volatile.Read(ref sent);
        await Poll.AssertEventuallyAsync(async () => Check(await RedisTestHelpers.ReadinessAsync(ctx.Proxy)) == "degraded", "readiness to show redis degraded");
        await Poll.AssertEventuallyAsync(() => Volatile.Read(ref sent) >= atKill + 200, "requests to go on while Redis is down");
        await redis.RestartAsync();
        await Poll.AssertEventuallyAsync(async () => Check(await RedisTestHelpers.ReadinessAsync(ctx.Proxy)) == "ok", "readiness to show redis ok again");
        await stop.CancelAsync();
        await Task.WhenAll(load);
        using var afterRecovery = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("stored after recovery"));
        await RedisTestHelpers.WaitForEntryAsync(redis, afterRecovery.Header("X-Cache-Key")!);

        Assert.Empty(failures);
        Assert.True(afterRecovery.IsSuccessStatusCode);
    }

    [Fact]
    public async Task RedisDownAtStart_ProxyServes_ThenUsesRedisOnceItIsUp()
    {
        await using var redis = await RedisServer.StartAsync();
        await redis.KillAsync();
        await using var ctx = await ProxyTestContext.StartAsync(redis.ProxySettings());

        using var whileDown = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("redis is down"));
        string readinessWhileDown = Check(await RedisTestHelpers.ReadinessAsync(ctx.Proxy));
        await redis.RestartAsync();
        await Poll.AssertEventuallyAsync(async () => Check(await RedisTestHelpers.ReadinessAsync(ctx.Proxy)) == "ok", "the proxy to connect to Redis");
        using var whileUp = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("redis is up"));
        await RedisTestHelpers.WaitForEntryAsync(redis, whileUp.Header("X-Cache-Key")!);

        Assert.True(whileDown.IsSuccessStatusCode);
        Assert.Equal("degraded", readinessWhileDown);
    }

    [Fact]
    public async Task RedisHangs_CallsTimeOut_CircuitOpens_RequestsStillAnswered()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var ctx = await ProxyTestContext.StartAsync(redis.ProxySettings(new Dictionary<string, string?>
        {
            ["Cache:Redis:BreakSeconds"] = "30",
        }));
        using var warm = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("before the hang"));
        await RedisTestHelpers.WaitForEntryAsync(redis, warm.Header("X-Cache-Key")!);

        // The server stops answering while its connections stay open: only timeouts can tell.
        _ = redis.Database().ExecuteAsync("DEBUG", "SLEEP", "5");
        var responses = new List<HttpResponseMessage>();
        for (int i = 0; i < 8; i++)
        {
            responses.Add(await ctx.Proxy.Http.SendAsync(ChatRequests.Body($"while redis hangs {i}")));
        }

        string readiness = await RedisTestHelpers.ReadinessAsync(ctx.Proxy);
        using var doc = JsonDocument.Parse(readiness);
        var redisCheck = doc.RootElement.GetProperty("entries").GetProperty("redis");

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        Assert.Equal("degraded", Check(readiness));
        Assert.Equal("Open", redisCheck.GetProperty("data").GetProperty("circuit").GetString());
        responses.ForEach(r => r.Dispose());
    }

    /// <summary>The redis check's status in the /readyz body.</summary>
    private static string Check(string readiness)
    {
        using var doc = JsonDocument.Parse(readiness);
        return doc.RootElement.GetProperty("checks").GetProperty("redis").GetString() ?? "";
    }
}
