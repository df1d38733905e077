using System.Diagnostics;
using System.Text;
using OpenAI.Chat;

namespace LlmCacheProxy.IntegrationTests.Streaming;

/// <summary>What the official SDK's streaming API yielded, merged the way an application would merge it.</summary>
internal sealed record StreamedAnswer(
    string Text,
    ChatFinishReason? FinishReason,
    ChatTokenUsage? Usage,
    string? Id,
    IReadOnlyList<(string? Id, string? Name, string Arguments)> ToolCalls,
    IReadOnlyList<TimeSpan> Arrivals,
    TimeSpan Total)
{
    public static async Task<StreamedAnswer> CollectAsync(ChatClient client, string message, ChatCompletionOptions? options = null)
    {
        var clock = Stopwatch.StartNew();
        var text = new StringBuilder();
        var arrivals = new List<TimeSpan>();
        var calls = new SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)>();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        string? id = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage(message)], options))
        {
            arrivals.Add(clock.Elapsed);
            id ??= update.CompletionId;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            foreach (var call in update.ToolCallUpdates)
            {
                var merged = calls.TryGetValue(call.Index, out var existing) ? existing : (null, null, new StringBuilder());
                merged.Id ??= call.ToolCallId;
                merged.Name ??= call.FunctionName;
                merged.Arguments.Append(call.FunctionArgumentsUpdate?.ToString());
                calls[call.Index] = merged;
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        return new StreamedAnswer(text.ToString(), finish, usage, id,
            calls.Values.Select(c => (c.Id, c.Name, c.Arguments.ToString())).ToList(), arrivals, clock.Elapsed);
    }
}
