using System.Globalization;
using LlmCacheProxy.Keys;
using static LlmCacheProxy.Tests.Keys.KeyTestHelper;

namespace LlmCacheProxy.Tests.Keys;

public sealed class ResponsesKeyBuilderGoldenTests
{
    private const string TextInputHash = "a0ba794bd3d9dd6b811198b4ff0b75feca8bf0acd0c1e3fd4b670bed845bc203";
    private const string ItemsInputHash = "223b505141785739377273f94e4aa36a3bd0995f2d24a91aa59cbacff83ba8dc";

    public const string TextInput = """
        {"model": "GPT-4.1", "input": "  Tell me a joke \r\n", "instructions": "Be brief.", "stream": true,
         "user": "u1", "metadata": {"a": "b"}, "max_output_tokens": 64, "temperature": 0.7}
        """;

    public const string ItemsInput = """
        {"model": "gpt-4o",
         "input": [
           {"role": "User", "content": [
             {"type": "input_text", "text": " What is in this image? "},
             {"type": "input_image", "image_url": "https://example.com/a.png", "detail": "auto"}]},
           {"type": "function_call", "call_id": "call_1", "name": "lookup", "arguments": "{\"q\": 1}"},
           {"type": "function_call_output", "call_id": "call_1", "output": " 42 "}],
         "tools": [{"type": "function", "name": "lookup", "parameters": {"type": "object"}}],
         "store": false, "previous_response_id": "resp_123", "reasoning": {"effort": "low"}}
        """;

    [Fact]
    public void TryBuild_TextInput_WritesSpecifiedCanonicalJson()
    {
        Assert.Equal(
            """{"endpoint":"responses","input":"Tell me a joke","model":"gpt-4.1","params":{"instructions":"Be brief.","max_output_tokens":64,"parallel_tool_calls":true,"store":true,"temperature":0.7,"top_p":1,"truncation":"disabled"},"partition":"","route":"/v1/responses","v":2,"vary":{}}""",
            Text(BuildResponses(TextInput).CanonicalJson));
    }

    [Fact]
    public void TryBuild_TextInput_HasGoldenHash() =>
        Assert.Equal(TextInputHash, BuildResponses(TextInput).Hash);

    [Fact]
    public void TryBuild_ItemsInput_WritesSpecifiedCanonicalJson()
    {
        Assert.Equal(
            """{"endpoint":"responses","input":[{"content":[{"text":"What is in this image?","type":"input_text"},{"detail":"auto","image_url":"https://example.com/a.png","type":"input_image"}],"role":"user"},{"arguments":"{\"q\": 1}","call_id":"call_1","name":"lookup","type":"function_call"},{"call_id":"call_1","output":" 42 ","type":"function_call_output"}],"model":"gpt-4o","params":{"parallel_tool_calls":true,"previous_response_id":"resp_123","reasoning":{"effort":"low"},"store":false,"temperature":1,"tools":[{"name":"lookup","parameters":{"type":"object"},"type":"function"}],"top_p":1,"truncation":"disabled"},"partition":"","route":"/v1/responses","v":2,"vary":{}}""",
            Text(BuildResponses(ItemsInput).CanonicalJson));
    }

    [Fact]
    public void TryBuild_ItemsInput_HasGoldenHash() =>
        Assert.Equal(ItemsInputHash, BuildResponses(ItemsInput).Hash);

    [Fact]
    public void TryBuild_UnderFrenchCulture_HasGoldenHash()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fr-FR");

            Assert.Equal(TextInputHash, BuildResponses(TextInput).Hash);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void TryBuild_TextInput_ReportsFacts()
    {
        var key = BuildResponses(TextInput);

        Assert.Equal((true, 0.7, "gpt-4.1", KeyEndpoint.Responses), (key.Stream, key.Temperature, key.Model, key.Endpoint));
    }
}
