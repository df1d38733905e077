using System.Text;
using LlmCacheProxy.Endpoints.Streaming;
using Microsoft.AspNetCore.Http;

namespace LlmCacheProxy.Tests.Endpoints.Streaming;

public sealed class StreamUsageFilterTests
{
    private const string Role = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}],\"usage\":null}";
    private const string RoleClean = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}";
    private const string Plain = "{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}";
    private const string UsageOnly = "{\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    private static async Task<string> FilterAsync(string contentType, params string[] writes)
    {
        var context = new DefaultHttpContext();
        context.Response.ContentType = contentType;
        using var client = new MemoryStream();
        var filter = new StreamUsageFilter(context.Response, client);
        foreach (var write in writes)
        {
            await filter.WriteAsync(Encoding.UTF8.GetBytes(write));
        }

        await filter.DisposeAsync();
        return Encoding.UTF8.GetString(client.ToArray());
    }

    [Fact]
    public async Task Stream_UsageAskedByTheProxy_ClientGetsNoUsageChunkAndNoNullUsage()
    {
        string text = await FilterAsync("text/event-stream",
            $"data: {Role}\n\n", $"data: {Plain}\n\n", $"data: {UsageOnly}\n\n", "data: [DONE]\n\n");

        Assert.Equal($"data: {RoleClean}\n\ndata: {Plain}\n\ndata: [DONE]\n\n", text);
    }

    [Fact]
    public async Task Stream_EventsSplitAcrossWrites_ReassembledBeforeFiltering()
    {
        string whole = $"data: {Role}\r\n\r\n: keep-alive\n\ndata: {UsageOnly}\n\ndata: [DONE]\n\n";
        var writes = Enumerable.Range(0, (whole.Length + 6) / 7).Select(i => whole.Substring(i * 7, Math.Min(7, whole.Length - (i * 7)))).ToArray();

        string text = await FilterAsync("text/event-stream", writes);

        Assert.Equal($"data: {RoleClean}\n\n: keep-alive\n\ndata: [DONE]\n\n", text);
    }

    [Fact]
    public async Task Stream_EventNeedingNoChange_PassesByteForByte()
    {
        string events = $"event: message\ndata:{Plain}\r\n\r\n";

        Assert.Equal(events, await FilterAsync("text/event-stream", events));
    }

    [Fact]
    public async Task Stream_NullUsageSpreadOverDataLines_KeepsUpstreamsDataLinesWithoutIt()
    {
        string text = await FilterAsync("text/event-stream", "data: {\"id\":\"c\",\ndata: \"n\":1,\"usage\":null}\n\n");

        // The client gets the event framed as upstream framed it (a data line per line), only the member is gone.
        Assert.Equal("data: {\"id\":\"c\",\ndata: \"n\":1}\n\n", text);
    }

    [Fact]
    public async Task JsonAnswer_NotAnEventStream_PassesUntouched()
    {
        const string error = "{\"error\":{\"message\":\"no\"},\"usage\":null}";

        Assert.Equal(error, await FilterAsync("application/json", error));
    }

    [Fact]
    public async Task Stream_EndsWithoutBlankLine_RestWrittenOnDispose()
    {
        Assert.Equal("data: {\"a\":1", await FilterAsync("text/event-stream", "data: {\"a\":1"));
    }
}
