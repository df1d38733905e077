using System.Text;
using LlmCacheProxy.Endpoints.Streaming;

namespace LlmCacheProxy.Tests.Endpoints.Streaming;

public sealed class SseEventParserTests
{
    private static SseEventParser Parse(long limit = 1 << 20, params string[] writes)
    {
        var parser = new SseEventParser(limit);
        foreach (var w in writes)
        {
            parser.Feed(Encoding.UTF8.GetBytes(w));
        }

        return parser;
    }

    [Fact]
    public void Feed_EventsSplitAcrossWrites_KeepsPayloadsInOrder()
    {
        var parser = Parse(writes: ["data: {\"a\":1}\n", "\ndata: {\"b", "\":2}\n\nda", "ta: [DONE]\n\n"]);

        Assert.Equal(["{\"a\":1}", "{\"b\":2}"], parser.Events);
        Assert.True(parser.Done);
        Assert.False(parser.Error);
        Assert.NotEqual(0, parser.FirstEventTimestamp);
    }

    [Fact]
    public void Feed_CrLfLinesAndComments_AreHandled()
    {
        var parser = Parse(writes: [": keep-alive\r\n\r\ndata: {\"a\":1}\r\n\r\n: OPENROUTER PROCESSING\r\n\r\ndata: [DONE]\r\n\r\n"]);

        Assert.Equal(["{\"a\":1}"], parser.Events);
        Assert.True(parser.Done);
    }

    [Fact]
    public void Feed_SeveralDataLines_AreJoinedWithNewline()
    {
        var parser = Parse(writes: ["data: first\ndata:second\n\n"]);

        Assert.Equal(["first\nsecond"], parser.Events);
    }

    [Fact]
    public void Feed_IncompleteLastEvent_IsNotKeptAndNotDone()
    {
        var parser = Parse(writes: ["data: {\"a\":1}\n\ndata: {\"b\":2}"]);

        Assert.Equal(["{\"a\":1}"], parser.Events);
        Assert.False(parser.Done);
    }

    [Fact]
    public void Feed_DataAfterDone_IsNotDone()
    {
        var parser = Parse(writes: ["data: {\"a\":1}\n\ndata: [DONE]\n\ndata: {\"b\":2}\n\n"]);

        Assert.False(parser.Done);
    }

    [Fact]
    public void Feed_PayloadWithTopLevelError_SetsError()
    {
        var parser = Parse(writes: ["data: {\"a\":1}\n\ndata: {\"error\":{\"message\":\"boom\"}}\n\n"]);

        Assert.True(parser.Error);
    }

    [Fact]
    public void Feed_ErrorWordInsideContent_IsNotAnError()
    {
        var parser = Parse(writes: ["data: {\"choices\":[{\"delta\":{\"content\":\"\\\"error\\\"\"}}],\"x\":{\"error\":1}}\n\n"]);

        Assert.False(parser.Error);
    }

    [Fact]
    public void Feed_ErrorEventName_SetsError()
    {
        var parser = Parse(writes: ["event: error\ndata: {\"message\":\"overloaded\"}\n\n"]);

        Assert.True(parser.Error);
    }

    [Fact]
    public void Feed_PastLimit_OverflowsAndKeepsNothing()
    {
        var parser = Parse(limit: 40, writes: ["data: {\"a\":\"0123456789\"}\n\ndata: {\"b\":\"0123456789\"}\n\ndata: [DONE]\n\n"]);

        Assert.True(parser.Overflowed);
        Assert.Empty(parser.Events);
    }

    [Fact]
    public void Feed_MultiByteCharacterSplitAcrossWrites_IsDecodedIntact()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("data: {\"c\":\"héllo 🌍\"}\n\n");
        var parser = new SseEventParser(1 << 20);
        int cut = Array.IndexOf(bytes, (byte)0xF0) + 2;

        parser.Feed(bytes.AsSpan(0, cut));
        parser.Feed(bytes.AsSpan(cut));

        Assert.Equal(["{\"c\":\"héllo 🌍\"}"], parser.Events);
    }

    [Fact]
    public void Feed_LineWithoutEndPastLimit_OverflowsAndStopsParsing()
    {
        var parser = Parse(limit: 64, writes: ["{\"error\":", new string('x', 100), "\n\ndata: [DONE]\n\n"]);

        Assert.True(parser.Overflowed);
        Assert.False(parser.Done);
        Assert.Empty(parser.Events);
    }
}
