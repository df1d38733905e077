// The Responses API is experimental in the OpenAI .NET SDK 2.15 (OPENAI001); only this file and the tests using it opt in.
#pragma warning disable OPENAI001
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using OpenAI.Responses;

namespace LlmCacheProxy.IntegrationTests.Endpoints;

/// <summary>The official SDK's ResponsesClient pointed at the proxy, and what its stream helpers yield.</summary>
internal static class ResponsesSdk
{
    public const string Model = "gpt-4o-mini";

    public static ResponsesClient Client(ProxyInstance proxy) => new(new ApiKeyCredential(ChatRequests.DefaultKey), new ResponsesClientOptions
    {
        Endpoint = new Uri(proxy.BaseAddress, "v1"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        NetworkTimeout = TimeSpan.FromSeconds(60),
    });

    /// <summary>The updates of one streamed call, merged as an application merges them.</summary>
    public static async Task<Streamed> StreamAsync(ResponsesClient client, string input)
    {
        await using var updates = await client.CreateResponseStreamingAsync(Model, input);
        string cache = updates.Headers.TryGetValue("X-Cache", out var value) ? value! : "";
        var text = new StringBuilder();
        var arguments = new StringBuilder();
        var summary = new StringBuilder();
        var sequence = new List<int>();
        ResponseResult? completed = null;
        await foreach (var update in updates)
        {
            sequence.Add(update.SequenceNumber);
            switch (update)
            {
                case StreamingResponseOutputTextDeltaUpdate delta:
                    text.Append(delta.Delta);
                    break;
                case StreamingResponseFunctionCallArgumentsDeltaUpdate delta:
                    arguments.Append(delta.Delta);
                    break;
                case StreamingResponseReasoningSummaryTextDeltaUpdate delta:
                    summary.Append(delta.Delta);
                    break;
                case StreamingResponseCompletedUpdate done:
                    completed = done.Response;
                    break;
            }
        }

        return new Streamed(text.ToString(), arguments.ToString(), summary.ToString(), sequence, completed, cache);
    }

    public static string Text(ResponseResult response) => response.GetOutputText() ?? "";

    internal sealed record Streamed(
        string Text, string Arguments, string Summary, IReadOnlyList<int> Sequence, ResponseResult? Completed, string Cache);
}
