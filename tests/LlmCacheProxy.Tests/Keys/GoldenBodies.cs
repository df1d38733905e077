using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Tests.Keys;

/// <summary>Fixed request bodies whose keys are pinned: a change here means every stored key changes.</summary>
internal static class GoldenBodies
{
    public const string Minimal = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}""";

    public const string WithParams = """
        {
          "model": "GPT-4o",
          "messages": [
            {"role": "system", "content": "You are terse.\r\n"},
            {"role": "user", "content": "  Say hi  "}
          ],
          "temperature": 0.5,
          "top_p": 0.9,
          "max_tokens": 256,
          "seed": 42,
          "stream": true,
          "stream_options": {"include_usage": true},
          "response_format": {"type": "json_object"},
          "user": "u-123"
        }
        """;

    public const string ToolsAndParts = """
        {
          "messages": [
            {"role": "user", "name": null, "content": [
              {"type": "text", "text": "Grüße \u00e9 😀 \"q\"\t"},
              {"type": "image_url", "image_url": {"url": "https://example.com/a.png", "detail": "low"}}
            ]},
            {"role": "assistant", "content": null, "tool_calls": [
              {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}}
            ]},
            {"role": "tool", "tool_call_id": "call_1", "content": "{\"temp\":21.5}"}
          ],
          "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}],
          "tool_choice": "auto",
          "model": "gpt-4o-2024-08-06"
        }
        """;

    public const string PartitionValue = "b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c";

    /// <summary>An Azure-style route with a query in no particular order, two vary headers and a partition.</summary>
    public static KeyScope Scoped { get; } = KeyScope.Create(
        "/openai/deployments/gpt/chat/completions",
        "?b=x+y&api-version=2024-02-01",
        PartitionValue,
        [KeyValuePair.Create("OpenAI-Organization", " org-1 "), KeyValuePair.Create("OpenAI-Beta", "assistants=v2")]);
}
