// The Responses client of the OpenAI .NET SDK 2.15 is marked experimental; these tests exist to exercise it.
#pragma warning disable OPENAI001

using System.Text.Json;
using FakeUpstream;
using OpenAI.Responses;

namespace LlmCacheProxy.IntegrationTests.FakeUpstreamSelfTests;

/// <summary>The fake's streamed POST /v1/responses (SSE events), read by the official SDK's streaming call.</summary>
public sealed class ResponsesStreamSelfTests
{
    private static async Task<List<StreamingResponseUpdate>> StreamAsync(FakeOpenAiServer fake, string text)
    {
        var options = new CreateResponseOptions("gpt-4o-mini", [ResponseItem.CreateUserMessageItem(text)])
        {
            StreamingEnabled = true,
        };
        var updates = new List<StreamingResponseUpdate>();
        await using var stream = await ResponsesSelfTests.Client(fake).CreateResponseStreamingAsync(options);
        await foreach (var update in stream)
        {
            updates.Add(update);
        }

        return updates;
    }

    [Fact]
    public async Task Stream_TextDeltas_ConcatenateToTheCompletedResponseText()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var updates = await StreamAsync(fake, "stream this please");

        var deltas = updates.OfType<StreamingResponseOutputTextDeltaUpdate>().ToList();
        Assert.True(deltas.Count > 1);
        Assert.Equal("echo: stream this please", string.Concat(deltas.Select(d => d.Delta)));
        Assert.Equal("echo: stream this please", updates.OfType<StreamingResponseOutputTextDoneUpdate>().Single().Text);
        var completed = Assert.IsType<StreamingResponseCompletedUpdate>(updates[^1]);
        Assert.Equal(ResponseStatus.Completed, completed.Response.Status);
        Assert.Equal("echo: stream this please", completed.Response.GetOutputText());
        Assert.Equal(8 + 4, completed.Response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task Stream_EventOrder_IsThatOfOpenAi()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var updates = await StreamAsync(fake, "two words");

        Type[] expected =
        [
            typeof(StreamingResponseCreatedUpdate), typeof(StreamingResponseInProgressUpdate),
            typeof(StreamingResponseOutputItemAddedUpdate), typeof(StreamingResponseContentPartAddedUpdate),
            typeof(StreamingResponseOutputTextDeltaUpdate), typeof(StreamingResponseOutputTextDeltaUpdate),
            typeof(StreamingResponseOutputTextDeltaUpdate), typeof(StreamingResponseOutputTextDoneUpdate),
            typeof(StreamingResponseContentPartDoneUpdate), typeof(StreamingResponseOutputItemDoneUpdate),
            typeof(StreamingResponseCompletedUpdate),
        ];
        Assert.Equal(expected, updates.Select(u => u.GetType()));
    }

    [Fact]
    public async Task Stream_SequenceNumbers_CountUpFromZero()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var updates = await StreamAsync(fake, "count my events [[reasoning]]");

        Assert.Equal(Enumerable.Range(0, updates.Count), updates.Select(u => u.SequenceNumber));
    }

    [Fact]
    public async Task Stream_EventField_NamesTheDataType()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        using var http = FakeCalls.Http(fake);

        var (response, frames) = await FakeCalls.PostSseAsync(http, "v1/responses",
            """{"model":"gpt-4o","input":"raw events","stream":true}""");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(frames);
        Assert.All(frames, f => Assert.Equal(f.EventType, JsonDocument.Parse(f.Data).RootElement.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Stream_ToolDirective_ArgumentDeltasAndCompletedResponseCarryTheCall()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var updates = await StreamAsync(fake, "weather? [[tool]]");

        var deltas = updates.OfType<StreamingResponseFunctionCallArgumentsDeltaUpdate>().Select(d => d.Delta.ToString());
        Assert.Equal("""{"city":"Paris"}""", string.Concat(deltas));
        Assert.Equal("""{"city":"Paris"}""", updates.OfType<StreamingResponseFunctionCallArgumentsDoneUpdate>().Single().FunctionArguments.ToString());
        var completed = Assert.IsType<StreamingResponseCompletedUpdate>(updates[^1]);
        var call = Assert.IsType<FunctionCallResponseItem>(Assert.Single(completed.Response.OutputItems));
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("""{"city":"Paris"}""", call.FunctionArguments.ToString());
    }

    [Fact]
    public async Task Stream_ReasoningDirective_SummaryDeltasAndCompletedResponseCarryTheSummary()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var updates = await StreamAsync(fake, "ponder [[reasoning]]");

        const string summary = "thinking about: ponder [[reasoning]]";
        var deltas = updates.OfType<StreamingResponseReasoningSummaryTextDeltaUpdate>().Select(d => d.Delta);
        Assert.Equal(summary, string.Concat(deltas));
        Assert.Equal(summary, updates.OfType<StreamingResponseReasoningSummaryTextDoneUpdate>().Single().Text);
        Assert.Single(updates.OfType<StreamingResponseReasoningSummaryPartAddedUpdate>());
        var completed = Assert.IsType<StreamingResponseCompletedUpdate>(updates[^1]);
        Assert.Equal(summary, Assert.IsType<ReasoningResponseItem>(completed.Response.OutputItems[0]).GetSummaryText());
        Assert.Equal("echo: ponder [[reasoning]]", completed.Response.GetOutputText());
    }

    [Fact]
    public async Task Stream_StreamErrorDirective_EndsWithErrorAndFailedInsteadOfCompleted()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var updates = await StreamAsync(fake, "one two three four [[stream-error]]");

        Assert.Equal(2, updates.OfType<StreamingResponseOutputTextDeltaUpdate>().Count());
        Assert.IsType<StreamingResponseErrorUpdate>(updates[^2]);
        var failed = Assert.IsType<StreamingResponseFailedUpdate>(updates[^1]);
        Assert.Equal(ResponseStatus.Failed, failed.Response.Status);
        Assert.Empty(updates.OfType<StreamingResponseCompletedUpdate>());
        Assert.Equal(Enumerable.Range(0, updates.Count), updates.Select(u => u.SequenceNumber));
    }

    [Fact]
    public async Task Stream_NoDoneDirective_EndsBeforeCompleted()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();

        var updates = await StreamAsync(fake, "cut me [[no-done]]");

        Assert.IsType<StreamingResponseOutputItemDoneUpdate>(updates[^1]);
        Assert.Empty(updates.OfType<StreamingResponseCompletedUpdate>());
    }
}
