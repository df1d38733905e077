using System.IO.Pipelines;
using System.Text;
using LlmCacheProxy.Endpoints.Streaming;

namespace LlmCacheProxy.Tests.Endpoints.Streaming;

public sealed class SseReplayWriterTests
{
    private const string Content = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}],\"usage\":null}";
    private const string ContentWithoutUsage = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}";
    private const string UsageOnly = "{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

    private static async Task<string> WriteAsync(IReadOnlyList<string> events, bool includeUsage)
    {
        using var stream = new MemoryStream();
        var writer = PipeWriter.Create(stream);
        await SseReplayWriter.WriteEventsAsync(writer, events, includeUsage, CancellationToken.None);
        await writer.CompleteAsync();
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task WriteEvents_WithIncludeUsage_WritesEveryEventThenDone()
    {
        string text = await WriteAsync([Content, UsageOnly], includeUsage: true);

        Assert.Equal($"data: {Content}\n\ndata: {UsageOnly}\n\ndata: [DONE]\n\n", text);
    }

    [Fact]
    public async Task WriteEvents_WithoutIncludeUsage_DropsTheUsageOnlyChunkAndTheNullUsage()
    {
        string text = await WriteAsync([Content, UsageOnly], includeUsage: false);

        Assert.Equal($"data: {ContentWithoutUsage}\n\ndata: [DONE]\n\n", text);
    }

    [Fact]
    public async Task WriteEvents_ManyLargeEvents_AreAllWrittenInOrder()
    {
        var events = Enumerable.Range(0, 500).Select(i => $"{{\"n\":{i},\"pad\":\"{new string('é', 200)}\"}}").ToList();

        string text = await WriteAsync(events, includeUsage: false);

        var parser = new SseEventParser(1 << 24);
        parser.Feed(Encoding.UTF8.GetBytes(text));
        Assert.Equal(events, parser.Events);
        Assert.True(parser.Done);
    }

    [Fact]
    public async Task WriteEvents_PayloadOfSeveralDataLines_WritesEachLineAsItsOwnDataField()
    {
        string text = await WriteAsync(["{\"a\":1,\n\"b\":2}"], includeUsage: false);

        Assert.Equal("data: {\"a\":1,\ndata: \"b\":2}\n\ndata: [DONE]\n\n", text);
    }

    [Fact]
    public async Task WriteEvents_PayloadOfSeveralDataLines_ParsesBackToTheSamePayload()
    {
        string[] events = ["{\"a\":1,\n\"b\":2}", "line one\n\nline three"];

        string text = await WriteAsync(events, includeUsage: false);

        var parser = new SseEventParser(1 << 20);
        parser.Feed(Encoding.UTF8.GetBytes(text));
        Assert.Equal(events, parser.Events);
    }
}
