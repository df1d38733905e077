using System.Text.Json;
using FakeUpstream;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using OpenAI.Chat;

namespace LlmCacheProxy.IntegrationTests.Hosting;

/// <summary>
/// <c>import --openai-batch INPUT --results OUTPUT</c>: the 200 answers of a Batch API job become hits for the same
/// synchronous requests of the caller they were imported for, and for nothing else.
/// </summary>
public sealed class BatchImportTests
{
    private const string Answer = "Paris is the capital of France (answered by the batch).";

    private static async Task<(FakeOpenAiServer Upstream, TestDirectory Directory, CliRun.Result Import)> ImportedBatchAsync()
    {
        var upstream = await FakeOpenAiServer.StartAsync();
        var directory = new TestDirectory();
        string input = Path.Combine(directory.Path, "input.jsonl");
        string output = Path.Combine(directory.Path, "output.jsonl");
        File.WriteAllLines(input,
        [
            InputLine("req-1", "What is the capital of France?"),
            InputLine("req-2", "This one failed in the batch."),
        ]);
        File.WriteAllLines(output,
        [
            // Output order need not follow the input's.
            """{"id":"batch_req_2","custom_id":"req-2","response":{"status_code":500,"request_id":"r2","body":{"error":{"message":"server error"}}},"error":null}""",
            """{"id":"batch_req_1","custom_id":"req-1","response":{"status_code":200,"request_id":"r1","body":{"id":"chatcmpl-batch1","object":"chat.completion","created":1741569952,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"ANSWER","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":14,"completion_tokens":12,"total_tokens":26}}},"error":null}""".Replace("ANSWER", Answer, StringComparison.Ordinal),
        ]);
        var import = await CliRun.RunAsync(directory.SqlitePath, new Dictionary<string, string> { ["BATCH_CALLER_KEY"] = ChatRequests.DefaultKey },
            "import", "--openai-batch", input, "--results", output, "--client-key-env", "BATCH_CALLER_KEY");
        return (upstream, directory, import);
    }

    private static string InputLine(string id, string question) => JsonSerializer.Serialize(new
    {
        custom_id = id,
        method = "POST",
        url = "/v1/chat/completions",
        body = new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = question } } },
    });

    [Fact]
    public async Task BatchAnswer_SameSynchronousRequest_IsAHitWithTheBatchAnswer()
    {
        var (upstream, directory, import) = await ImportedBatchAsync();
        await using var _ = upstream;
        using var __ = directory;
        await using var proxy = await ProxyInstance.StartAsync(upstream.BaseAddress, directory.SqlitePath);

        var completion = await proxy.ChatClient().CompleteChatAsync([new UserChatMessage("What is the capital of France?")]);

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("imported 1 entries (0 already stored, 1 skipped", import.Output, StringComparison.Ordinal);
        Assert.Equal("HIT", completion.Header("X-Cache"));
        Assert.Equal(Answer, completion.Value.Content[0].Text);
        Assert.Equal(0, upstream.ChatCalls);
    }

    [Fact]
    public async Task BatchImport_FailedAnswerOtherRequestsAndOtherCallers_AreMisses()
    {
        var (upstream, directory, import) = await ImportedBatchAsync();
        await using var _ = upstream;
        using var __ = directory;
        await using var proxy = await ProxyInstance.StartAsync(upstream.BaseAddress, directory.SqlitePath);

        var failedInBatch = await proxy.ChatClient().CompleteChatAsync([new UserChatMessage("This one failed in the batch.")]);
        var notInBatch = await proxy.ChatClient().CompleteChatAsync([new UserChatMessage("What is the capital of Italy?")]);
        var otherCaller = await proxy.ChatClient(apiKey: "sk-test-caller-b").CompleteChatAsync([new UserChatMessage("What is the capital of France?")]);

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Equal("MISS", failedInBatch.Header("X-Cache"));
        Assert.Equal("MISS", notInBatch.Header("X-Cache"));
        Assert.Equal("MISS", otherCaller.Header("X-Cache"));
        Assert.Equal(3, upstream.ChatCalls);
    }
}
