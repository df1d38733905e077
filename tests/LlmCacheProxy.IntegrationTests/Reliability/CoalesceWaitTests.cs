using System.Net;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Reliability;

/// <summary>Single flight never holds a waiter hostage: not to a stuck upstream call, not to the leader's slow client.</summary>
public sealed class CoalesceWaitTests
{
    /// <summary>About 13 MB of JSON: more than the kernel's socket buffers hold for a client that reads slowly.</summary>
    private const string BigAnswer = "[[words=1500000]]";

    [Fact]
    public async Task Waiter_LeaderStuckPastCoalesceWaitSeconds_GoesUpstreamItself()
    {
        await using var ctx = await ProxyTestContext.StartAsync(new Dictionary<string, string?> { ["Cache:CoalesceWaitSeconds"] = "1" });
        string body = ChatRequests.Body("a stuck leader [[delay=30000]]");
        using var cancel = new CancellationTokenSource();

        var leader = SendAsync(ctx.Proxy.Http, body, cancel.Token);
        await Poll.AssertEventuallyAsync(() => ctx.Upstream.ChatCalls == 1, "the leader's upstream call");
        var waiter = SendAsync(ctx.Proxy.Http, body, cancel.Token);

        await Poll.AssertEventuallyAsync(() => ctx.Upstream.ChatCalls == 2, "the waiter to give up and call upstream", TimeSpan.FromSeconds(20));
        await cancel.CancelAsync();
        await Task.WhenAll(leader, waiter);
    }

    [Fact]
    public async Task SlowLeaderClient_StorableAnswer_WaiterIsServedBeforeTheLeaderHasReadIt()
    {
        await using var ctx = await ProxyTestContext.StartAsync(new Dictionary<string, string?> { ["Cache:MaxEntryBytes"] = "67108864" });
        string body = ChatRequests.Body("slow reader, storable " + BigAnswer);

        await using var leader = await SlowReader.StartAsync(ctx.Proxy.BaseAddress, body);
        using var waiter = await ctx.Proxy.Http.SendAsync(body);
        string text = await waiter.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, waiter.StatusCode);
        Assert.Contains(waiter.Header("X-Cache"), new[] { "COALESCED", "HIT" });
        Assert.EndsWith(" w1500000", System.Text.Json.JsonDocument.Parse(text).RootElement
            .GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, ctx.Upstream.ChatCalls);
        Assert.False(leader.Finished, "the leader's client had already read the whole answer: the test proves nothing");
    }

    [Fact]
    public async Task SlowLeaderClient_AnswerOverMaxEntryBytes_WaiterGoesUpstreamAtOnce()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string body = ChatRequests.Body("slow reader, too large to keep " + BigAnswer);

        await using var leader = await SlowReader.StartAsync(ctx.Proxy.BaseAddress, body);
        using var waiter = await ctx.Proxy.Http.SendAsync(body);
        await waiter.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, waiter.StatusCode);
        Assert.Equal("MISS", waiter.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
        Assert.False(leader.Finished, "the leader's client had already read the whole answer: the test proves nothing");
    }

    private static async Task SendAsync(HttpClient http, string body, CancellationToken cancellationToken)
    {
        try
        {
            using var request = ChatRequests.Post(body);
            using var response = await http.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A client of its own that reads its answer at 80 KB/s (above Kestrel's minimum data rate, far below loopback's).</summary>
    private sealed class SlowReader : IAsyncDisposable
    {
        private readonly HttpClient _http;
        private readonly HttpResponseMessage _response;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _reading;
        private volatile bool _finished;

        private SlowReader(HttpClient http, HttpResponseMessage response, Stream body)
        {
            _http = http;
            _response = response;
            _reading = ReadAsync(body);
        }

        public bool Finished => _finished;

        /// <summary>Sends the request and returns once the answer's headers arrived (the forward is under way).</summary>
        public static async Task<SlowReader> StartAsync(Uri proxy, string body)
        {
            var http = new HttpClient { BaseAddress = proxy, Timeout = Timeout.InfiniteTimeSpan };
            using var request = ChatRequests.Post(body);
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return new SlowReader(http, response, await response.Content.ReadAsStreamAsync());
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _response.Dispose();
            _http.Dispose();
            try
            {
                await _reading;
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
            {
            }

            _stop.Dispose();
        }

        private async Task ReadAsync(Stream body)
        {
            var buffer = new byte[8 * 1024];
            while (await body.ReadAsync(buffer, _stop.Token) > 0)
            {
                await Task.Delay(100, _stop.Token);
            }

            _finished = true;
        }
    }
}
