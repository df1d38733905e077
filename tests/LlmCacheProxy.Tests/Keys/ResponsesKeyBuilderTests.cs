using System.Text;
using LlmCacheProxy.Keys;
using static LlmCacheProxy.Tests.Keys.KeyTestHelper;

namespace LlmCacheProxy.Tests.Keys;

public sealed class ResponsesKeyBuilderTests
{
    private const string Base = """{"model":"gpt-4o","input":"Hi" """;

    [Theory]
    [InlineData("\"stream\":true")]
    [InlineData("\"stream_options\":{\"include_obfuscation\":false}")]
    [InlineData("\"user\":\"alice\"")]
    [InlineData("\"safety_identifier\":\"h-123\"")]
    [InlineData("\"metadata\":{\"run\":\"42\"}")]
    [InlineData("\"conversation\":null")]
    [InlineData("\"max_output_tokens\":null")]
    public void TryBuild_IgnoredOrNullField_SameKey(string field)
    {
        Assert.Equal(HashOf(""), HashOf(field));
    }

    [Theory]
    [InlineData("\"temperature\":1")]
    [InlineData("\"top_p\":1.0")]
    [InlineData("\"store\":true")]
    [InlineData("\"parallel_tool_calls\":true")]
    [InlineData("\"truncation\":\"disabled\"")]
    [InlineData("\"temperature\":1,\"top_p\":1,\"store\":true,\"parallel_tool_calls\":true,\"truncation\":\"disabled\"")]
    public void TryBuild_DefaultGiven_SameKeyAsAbsent(string field)
    {
        Assert.Equal(HashOf(""), HashOf(field));
    }

    [Theory]
    [InlineData("\"store\":false")]
    [InlineData("\"parallel_tool_calls\":false")]
    [InlineData("\"truncation\":\"auto\"")]
    [InlineData("\"instructions\":\"Be brief.\"")]
    [InlineData("\"tools\":[{\"type\":\"web_search\"}]")]
    [InlineData("\"tool_choice\":\"required\"")]
    [InlineData("\"max_output_tokens\":64")]
    [InlineData("\"text\":{\"format\":{\"type\":\"json_object\"}}")]
    [InlineData("\"reasoning\":{\"effort\":\"high\"}")]
    [InlineData("\"include\":[\"reasoning.encrypted_content\"]")]
    [InlineData("\"prompt\":{\"id\":\"pmpt_1\",\"version\":\"2\",\"variables\":{\"city\":\"Paris\"}}")]
    [InlineData("\"previous_response_id\":\"resp_1\"")]
    [InlineData("\"service_tier\":\"flex\"")]
    [InlineData("\"background\":false")]
    [InlineData("\"top_logprobs\":2")]
    public void TryBuild_FieldThatChangesTheAnswer_DifferentKey(string field)
    {
        Assert.NotEqual(HashOf(""), HashOf(field));
    }

    [Theory]
    [InlineData("\"prompt\":{\"id\":\"pmpt_1\",\"version\":\"2\"}", "\"prompt\":{\"id\":\"pmpt_1\",\"version\":\"3\"}")]
    [InlineData("\"instructions\":\"Be brief.\"", "\"instructions\":\"Be brief. \"")]
    [InlineData("\"previous_response_id\":\"resp_1\"", "\"previous_response_id\":\"resp_2\"")]
    [InlineData("\"include\":[\"a\",\"b\"]", "\"include\":[\"b\",\"a\"]")]
    [InlineData("\"min_p\":0.014", "\"min_p\":0.01")]
    [InlineData("\"seed\":9007199254740992", "\"seed\":9007199254740993")]
    public void TryBuild_DifferentValue_DifferentKey(string a, string b)
    {
        Assert.NotEqual(HashOf(a), HashOf(b));
    }

    [Fact]
    public void TryBuild_TemperatureRounded_SameKey()
    {
        Assert.Equal(HashOf("\"temperature\":0.7"), HashOf("\"temperature\":0.704"));
    }

    [Fact]
    public void TryBuild_StringInputVersusOneMessage_DifferentKey()
    {
        Assert.NotEqual(
            BuildResponses("""{"model":"gpt-4o","input":"Hi"}""").Hash,
            BuildResponses("""{"model":"gpt-4o","input":[{"role":"user","content":"Hi"}]}""").Hash);
    }

    [Fact]
    public void TryBuild_InputTextTrailingSpaces_SameKeyInTrim()
    {
        Assert.Equal(
            BuildResponses("""{"model":"gpt-4o","input":"Hi"}""").Hash,
            BuildResponses("""{"model":"gpt-4o","input":" Hi \r\n"}""").Hash);
    }

    [Fact]
    public void TryBuild_InputTextTrailingSpacesInExact_DifferentKey()
    {
        var exact = WithMode(NormalizationMode.Exact);

        Assert.NotEqual(
            BuildResponses("""{"model":"gpt-4o","input":"Hi"}""", exact).Hash,
            BuildResponses("""{"model":"gpt-4o","input":"Hi "}""", exact).Hash);
    }

    [Theory]
    [InlineData("input_text")]
    [InlineData("output_text")]
    public void TryBuild_TextPartSpacesAndRoleCase_SameKey(string type)
    {
        Assert.Equal(
            BuildResponses($$"""{"model":"gpt-4o","input":[{"role":"user","content":[{"type":"{{type}}","text":"Hi"}]}]}""").Hash,
            BuildResponses($$"""{"model":"gpt-4o","input":[{"role":" User","content":[{"type":"{{type}}","text":" Hi\n"}]}]}""").Hash);
    }

    [Fact]
    public void TryBuild_MessageStringContentSpaces_SameKey()
    {
        Assert.Equal(
            BuildResponses("""{"model":"gpt-4o","input":[{"type":"message","role":"user","content":"Hi"}]}""").Hash,
            BuildResponses("""{"model":"gpt-4o","input":[{"type":"message","role":"user","content":"Hi  ","id":null}]}""").Hash);
    }

    [Theory]
    [InlineData("""{"type":"input_image","image_url":"data:x"}""", """{"type":"input_image","image_url":"data:x "}""")]
    [InlineData("""{"type":"input_file","file_id":"file-1"}""", """{"type":"input_file","file_id":"file-2"}""")]
    [InlineData("""{"type":"text","text":"Hi"}""", """{"type":"text","text":"Hi "}""")]
    public void TryBuild_NonTextPartsVerbatim_DifferentKey(string a, string b)
    {
        Assert.NotEqual(
            BuildResponses($$"""{"model":"gpt-4o","input":[{"role":"user","content":[{{a}}]}]}""").Hash,
            BuildResponses($$"""{"model":"gpt-4o","input":[{"role":"user","content":[{{b}}]}]}""").Hash);
    }

    [Theory]
    [InlineData("""{"type":"function_call","call_id":"c","name":"f","arguments":"{\"a\":1}"}""", """{"type":"function_call","call_id":"c","name":"f","arguments":"{\"a\": 1}"}""")]
    [InlineData("""{"type":"function_call_output","call_id":"c","output":"42"}""", """{"type":"function_call_output","call_id":"c","output":"42 "}""")]
    [InlineData("""{"type":"item_reference","id":"msg_1"}""", """{"type":"item_reference","id":"msg_2"}""")]
    public void TryBuild_OtherItemsVerbatim_DifferentKey(string a, string b)
    {
        Assert.NotEqual(
            BuildResponses($$"""{"model":"gpt-4o","input":[{{a}}]}""").Hash,
            BuildResponses($$"""{"model":"gpt-4o","input":[{{b}}]}""").Hash);
    }

    [Fact]
    public void TryBuild_ItemOrder_Matters()
    {
        Assert.NotEqual(
            BuildResponses("""{"model":"gpt-4o","input":[{"role":"user","content":"a"},{"role":"user","content":"b"}]}""").Hash,
            BuildResponses("""{"model":"gpt-4o","input":[{"role":"user","content":"b"},{"role":"user","content":"a"}]}""").Hash);
    }

    [Fact]
    public void TryBuild_NoInput_SameKeyAsNullInput()
    {
        const string Prompt = "\"prompt\":{\"id\":\"pmpt_1\"}";

        Assert.Equal(
            BuildResponses($$"""{"model":"gpt-4o",{{Prompt}}}""").Hash,
            BuildResponses($$"""{"model":"gpt-4o","input":null,{{Prompt}}}""").Hash);
    }

    [Fact]
    public void TryBuild_ModelCaseAndSpaces_SameKey()
    {
        Assert.Equal(
            BuildResponses("""{"model":"gpt-4o","input":"Hi"}""").Hash,
            BuildResponses("""{"model":" GPT-4o ","input":"Hi"}""").Hash);
    }

    [Fact]
    public void TryBuild_OperatorIgnoredParams_ReplaceDefaults()
    {
        var settings = KeySettings.Default with { ResponsesIgnoredParams = new HashSet<string> { "service_tier" } };

        Assert.Equal(
            (true, false),
            (HashOf("", settings) == HashOf("\"service_tier\":\"flex\"", settings), HashOf("", settings) == HashOf("\"user\":\"u\"", settings)));
    }

    [Fact]
    public void TryBuild_SameBodyAsChatShape_DifferentKeyFromChat()
    {
        // One body, two endpoints: the endpoint member keeps them apart.
        const string Body = """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]}""";

        Assert.NotEqual(Build(Body).Hash, BuildResponses(Body, scope: Scope()).Hash);
    }

    [Theory]
    [InlineData("""{"model":"gpt-4o","input":"Hi","background":true}""")]
    [InlineData("""{"model":"gpt-4o","input":"Hi","conversation":"conv_1"}""")]
    [InlineData("""{"model":"gpt-4o","input":"Hi","conversation":{"id":"conv_1"}}""")]
    [InlineData("""{"model":"gpt-4o","input":5}""")]
    [InlineData("""{"model":"gpt-4o","input":{"role":"user"}}""")]
    [InlineData("""{"model":"gpt-4o","input":[{"role":1,"content":"Hi"}]}""")]
    [InlineData("""{"model":"gpt-4o","input":[{"role":null,"content":"Hi"}]}""")]
    [InlineData("""{"input":"Hi"}""")]
    [InlineData("""{"model":7,"input":"Hi"}""")]
    [InlineData("""{"model":"gpt-4o","input":"Hi","temperature":"0.5"}""")]
    [InlineData("""{"model":"gpt-4o","input":"Hi","temperature":1e400}""")]
    [InlineData("""{"model":"gpt-4o","input":"Hi","input":"Ho"}""")]
    [InlineData("""{"model":"gpt-4o","input":"\ud800"}""")]
    [InlineData("""["model"]""")]
    [InlineData("""not json""")]
    public void TryBuild_NotCacheableBody_ReturnsFalse(string body)
    {
        Assert.False(IsCacheableResponses(body));
    }

    [Fact]
    public void TryBuild_ModelOverLengthLimit_NotCacheable()
    {
        Assert.Equal(
            (true, false),
            (IsCacheableResponses($$"""{"model":"{{new string('m', 200)}}","input":"Hi"}"""),
             IsCacheableResponses($$"""{"model":"{{new string('m', 201)}}","input":"Hi"}""")));
    }

    [Theory]
    [InlineData("""{"model":"gpt-4o","input":"Hi","background":true}""", "background")]
    [InlineData("""{"model":"gpt-4o","input":"Hi","background":true,"conversation":"c"}""", "background")]
    [InlineData("""{"model":"gpt-4o","input":"Hi","conversation":"conv_1"}""", "conversation")]
    [InlineData("""{"model":"gpt-4o","input":"Hi","conversation":{"id":"conv_1"}}""", "conversation")]
    [InlineData("""{"model":"gpt-4o","input":"Hi","background":false,"conversation":null}""", null)]
    [InlineData("""{"model":"gpt-4o","input":"Hi"}""", null)]
    [InlineData("""not json""", null)]
    public void BypassReason_Body_NamesTheServerSideState(string body, string? expected)
    {
        Assert.Equal(expected, ResponsesKeyBuilder.BypassReason(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void TryBuild_DifferentScope_DifferentKey()
    {
        const string Body = """{"model":"gpt-4o","input":"Hi"}""";
        var plain = BuildResponses(Body).Hash;

        Assert.All(
            [Scope("/v1/responses", "p"), Scope("/v1/responses", query: "?api-version=1"), Scope("/v1/responses", vary: ("OpenAI-Beta", "x"))],
            scope => Assert.NotEqual(plain, BuildResponses(Body, scope: scope).Hash));
    }

    private static string HashOf(string field, KeySettings? settings = null) =>
        BuildResponses(field.Length == 0 ? Base + "}" : $"{Base},{field}}}", settings).Hash;
}
