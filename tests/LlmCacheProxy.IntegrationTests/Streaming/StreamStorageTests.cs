using LlmCacheProxy.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCacheProxy.IntegrationTests.Streaming;

/// <summary>Only a complete stream is stored; single flight covers streams.</summary>
public sealed class StreamStorageTests
{
    [Fact]
    public async Task ClientDisconnectsMidStream_NothingStoredAndNextRequestIsMiss()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string body = ChatRequests.Body("w [[words=40]] [[chunk-delay=100]]", stream: true);
        using (var leaving = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = ctx.Proxy.BaseAddress })
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            using var request = ChatRequests.Post(body);
            using var response = await leaving.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
            string? line;
            do
            {
                line = await reader.ReadLineAsync(cts.Token);
            }
            while (line is not null && !line.StartsWith("data: {", StringComparison.Ordinal));

            Assert.NotNull(line);
            cts.Cancel(); // leave mid-stream: the connection is aborted
        }

        await RawStream.WaitForNoFlightAsync(ctx);
        Assert.Equal(0, await RawStream.StoredEntriesAsync(ctx));

        var (next, data) = await RawStream.SendAsync(ctx.Proxy.Http, body);
        Assert.Equal("MISS", next.Header("X-Cache"));
        Assert.Equal("[DONE]", data[^1]);
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Theory]
    [InlineData("no done here [[no-done]]")]
    [InlineData("errors midway in the stream [[stream-error]]")]
    public async Task IncompleteOrFailedUpstreamStream_IsNotStored(string content)
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string body = ChatRequests.Body(content, stream: true);

        var (first, data) = await RawStream.SendAsync(ctx.Proxy.Http, body);
        await RawStream.WaitForNoFlightAsync(ctx);
        Assert.Equal(0, await RawStream.StoredEntriesAsync(ctx));
        var (second, _) = await RawStream.SendAsync(ctx.Proxy.Http, body);

        Assert.Equal("MISS", first.Header("X-Cache"));
        Assert.DoesNotContain("[DONE]", data);
        Assert.Equal("MISS", second.Header("X-Cache"));
        Assert.Equal(2, ctx.Upstream.ChatCalls);
    }

    [Fact]
    public async Task CompleteStream_IsStoredInSqliteWithTokens()
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        await RawStream.SendAsync(ctx.Proxy.Http, RawStream.Body("count my tokens", includeUsage: true));

        Assert.Equal(1, await RawStream.StoredEntriesAsync(ctx));
        using var connection = ctx.Proxy.Services.GetRequiredService<LlmCacheProxy.Storage.SqliteDatabase>().OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tokens_output FROM entries";
        Assert.Equal(4L, (long)(await command.ExecuteScalarAsync())!); // "echo: count my tokens"
    }

    [Fact]
    public async Task CompleteStream_WithUpstreamReportedCost_StoresThatCost()
    {
        await using var ctx = await ProxyTestContext.StartAsync();

        await RawStream.SendAsync(ctx.Proxy.Http, RawStream.Body("priced by the upstream [[cost=0.0123]]", includeUsage: true));

        Assert.Equal(1, await RawStream.StoredEntriesAsync(ctx));
        using var connection = ctx.Proxy.Services.GetRequiredService<LlmCacheProxy.Storage.SqliteDatabase>().OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT cost_total FROM entries";
        Assert.Equal(0.0123, (double)(await command.ExecuteScalarAsync())!, 6);
    }

    [Fact]
    public async Task TwentyConcurrentIdenticalStreams_OneUpstreamCallTwentyCompleteAnswers()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        string body = RawStream.Body("stampede of streams [[chunk-delay=50]]", includeUsage: true);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => RawStream.SendAsync(ctx.Proxy.Http, body)));

        Assert.Equal(1, ctx.Upstream.ChatCalls);
        Assert.All(answers, a => Assert.Equal("[DONE]", a.Data[^1]));
        Assert.Single(answers.Select(a => string.Join("\n", a.Data)).Distinct());
        Assert.Equal(1, answers.Count(a => a.Response.Header("X-Cache") == "MISS"));
        Assert.Equal(19, answers.Count(a => a.Response.Header("X-Cache") is "COALESCED" or "HIT"));
        Assert.All(answers, a => Assert.Equal("text/event-stream", a.Response.Content.Headers.ContentType?.MediaType));
    }
}
