using System.Text;
using System.Text.Json;
using LlmCacheProxy.Endpoints;
using LlmCacheProxy.Endpoints.Responses;

namespace LlmCacheProxy.Tests.Endpoints.Responses;

public sealed class ResponseEventSynthesizerTests
{
    private const string Completed = """
        {"id":"resp_1","object":"response","created_at":1,"status":"completed","error":null,"model":"gpt-4o",
         "output":[
           {"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"thinking it over"}]},
           {"id":"msg_1","type":"message","status":"completed","role":"assistant",
            "content":[{"type":"output_text","text":"Hello there, this is a longer answer in several pieces.","annotations":[],"logprobs":[]}]},
           {"id":"fc_1","type":"function_call","status":"completed","name":"get_weather","call_id":"call_1","arguments":"{\"city\":\"Paris\"}"}
         ],
         "usage":{"input_tokens":5,"input_tokens_details":{"cached_tokens":0},"output_tokens":9,"total_tokens":14}}
        """;

    private static List<JsonElement> Events(string response) =>
        ResponseEventSynthesizer.Synthesize(Encoding.UTF8.GetBytes(response))!.Select(e => JsonDocument.Parse(e).RootElement).ToList();

    private static string Concat(List<JsonElement> events, string type, string field) =>
        string.Concat(events.Where(e => e.GetProperty("type").GetString() == type).Select(e => e.GetProperty(field).GetString()));

    [Fact]
    public void Synthesize_CompletedResponse_SequenceNumbersCountFromZero()
    {
        var events = Events(Completed);

        Assert.Equal(Enumerable.Range(0, events.Count), events.Select(e => e.GetProperty("sequence_number").GetInt32()));
        Assert.Equal("response.created", events[0].GetProperty("type").GetString());
        Assert.Equal("in_progress", events[0].GetProperty("response").GetProperty("status").GetString());
        Assert.Equal(0, events[0].GetProperty("response").GetProperty("output").GetArrayLength());
        Assert.Equal(ResponseEvents.Completed, events[^1].GetProperty("type").GetString());
    }

    [Fact]
    public void Synthesize_CompletedResponse_DeltasJoinToTheStoredTexts()
    {
        var events = Events(Completed);

        Assert.Equal("Hello there, this is a longer answer in several pieces.", Concat(events, "response.output_text.delta", "delta"));
        Assert.Equal("{\"city\":\"Paris\"}", Concat(events, "response.function_call_arguments.delta", "delta"));
        Assert.Equal("thinking it over", Concat(events, "response.reasoning_summary_text.delta", "delta"));
        Assert.Equal(3, events.Count(e => e.GetProperty("type").GetString() == "response.output_item.done"));
    }

    [Fact]
    public void Synthesize_CompletedResponse_LastEventCarriesTheStoredResponse()
    {
        var events = Events(Completed);

        Assert.Equal("resp_1", events[^1].GetProperty("response").GetProperty("id").GetString());
        Assert.Equal(9, events[^1].GetProperty("response").GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public void Synthesize_IncompleteResponse_Null() =>
        Assert.Null(ResponseEventSynthesizer.Synthesize(Encoding.UTF8.GetBytes(Completed.Replace("\"completed\",\"error\"", "\"incomplete\",\"error\"", StringComparison.Ordinal))));

    [Fact]
    public void Judge_SynthesizedSequence_Complete()
    {
        var events = ResponseEventSynthesizer.Synthesize(Encoding.UTF8.GetBytes(Completed))!;

        Assert.Equal(StreamVerdict.Complete, ResponseEvents.Judge(events, errorSeen: false));
        Assert.Equal(StreamVerdict.Truncated, ResponseEvents.Judge(events.Take(events.Count - 1).ToList(), errorSeen: false));
        Assert.Equal(StreamVerdict.Failed, ResponseEvents.Judge(events, errorSeen: true));
    }

    [Fact]
    public void Judge_EndsWithFailedResponse_Failed() =>
        Assert.Equal(StreamVerdict.Failed, ResponseEvents.Judge(["{\"type\":\"response.created\"}", "{\"type\":\"response.failed\"}"], errorSeen: false));
}
