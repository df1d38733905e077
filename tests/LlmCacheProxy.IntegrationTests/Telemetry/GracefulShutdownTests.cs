using System.Net;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Telemetry;

public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Shutdown_WithMissesInFlight_AnswersThemAndKeepsTheirEntries()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        // A client of its own: the proxy instance disposes its HttpClient when it stops.
        using var client = new HttpClient { BaseAddress = ctx.Proxy.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var bodies = Enumerable.Range(0, 5).Select(i => ChatRequests.Body($"in flight {i} [[delay=1500]]")).ToArray();

        var inFlight = bodies.Select(b => client.SendAsync(b)).ToArray();
        Assert.True(await Poll.UntilAsync(() => ctx.Upstream.ChatCalls == bodies.Length), "all requests reached upstream");
        await ctx.RestartProxyAsync(ProxyTestContext.WithoutWarmup()); // stops while the upstream is still answering, then starts on the same file

        foreach (var task in inFlight)
        {
            using var response = await task;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("MISS", response.Header("X-Cache"));
        }

        foreach (var body in bodies)
        {
            using var response = await ctx.Proxy.Http.SendAsync(body);
            Assert.Equal("HIT", response.Header("X-Cache"));
            Assert.Equal("sqlite", response.Header("X-Cache-Tier"));
        }

        Assert.Equal(bodies.Length, ctx.Upstream.ChatCalls);
    }
}
