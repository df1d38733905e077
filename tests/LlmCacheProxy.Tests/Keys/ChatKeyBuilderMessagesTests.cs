using static LlmCacheProxy.Tests.Keys.KeyTestHelper;

namespace LlmCacheProxy.Tests.Keys;

public sealed class ChatKeyBuilderMessagesTests
{
    private const string ToolCall = """{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}""";

    [Fact]
    public void TryBuild_RoleCaseAndSpaces_SameKey()
    {
        Assert.Equal(Hash(Messages("""{"role":"user","content":"Hi"}""")), Hash(Messages("""{"role":" User ","content":"Hi"}""")));
    }

    [Fact]
    public void TryBuild_DifferentRole_DifferentKey()
    {
        Assert.NotEqual(Hash(Messages("""{"role":"user","content":"Hi"}""")), Hash(Messages("""{"role":"system","content":"Hi"}""")));
    }

    [Fact]
    public void TryBuild_DifferentContent_DifferentKey()
    {
        Assert.NotEqual(Hash(UserMessage("\"Hi\"")), Hash(UserMessage("\"Ho\"")));
    }

    [Fact]
    public void TryBuild_MessageOrder_Matters()
    {
        Assert.NotEqual(
            Hash(Messages("""{"role":"user","content":"a"},{"role":"user","content":"b"}""")),
            Hash(Messages("""{"role":"user","content":"b"},{"role":"user","content":"a"}""")));
    }

    [Fact]
    public void TryBuild_DifferentToolCallArguments_DifferentKey()
    {
        Assert.NotEqual(
            Hash(Messages($$"""{"role":"assistant","tool_calls":[{{ToolCall}}]}""")),
            Hash(Messages($$"""{"role":"assistant","tool_calls":[{{ToolCall.Replace("Paris", "Lyon", StringComparison.Ordinal)}}]}""")));
    }

    [Fact]
    public void TryBuild_ToolCallArgumentsSpacing_KeptVerbatim()
    {
        Assert.NotEqual(
            Hash(Messages($$"""{"role":"assistant","tool_calls":[{{ToolCall}}]}""")),
            Hash(Messages($$"""{"role":"assistant","tool_calls":[{{ToolCall.Replace("\\\"city\\\":", "\\\"city\\\": ", StringComparison.Ordinal)}}]}""")));
    }

    [Fact]
    public void TryBuild_DifferentToolCallId_DifferentKey()
    {
        Assert.NotEqual(
            Hash(Messages("""{"role":"tool","tool_call_id":"call_1","content":"21"}""")),
            Hash(Messages("""{"role":"tool","tool_call_id":"call_2","content":"21"}""")));
    }

    [Fact]
    public void TryBuild_DifferentName_DifferentKey()
    {
        Assert.NotEqual(
            Hash(Messages("""{"role":"user","name":"alice","content":"Hi"}""")),
            Hash(Messages("""{"role":"user","name":"bob","content":"Hi"}""")));
    }

    [Fact]
    public void TryBuild_NullName_SameKeyAsAbsent()
    {
        Assert.Equal(
            Hash(Messages("""{"role":"user","content":"Hi"}""")),
            Hash(Messages("""{"role":"user","name":null,"content":"Hi"}""")));
    }

    [Fact]
    public void TryBuild_NullContentWithToolCalls_SameKeyAsAbsent()
    {
        Assert.Equal(
            Hash(Messages($$"""{"role":"assistant","tool_calls":[{{ToolCall}}]}""")),
            Hash(Messages($$"""{"role":"assistant","content":null,"tool_calls":[{{ToolCall}}]}""")));
    }

    [Fact]
    public void TryBuild_DifferentImageUrl_DifferentKey()
    {
        Assert.NotEqual(
            Hash(UserMessage("""[{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]""")),
            Hash(UserMessage("""[{"type":"image_url","image_url":{"url":"https://example.com/b.png"}}]""")));
    }

    [Fact]
    public void TryBuild_ImagePartWhitespace_KeptVerbatim()
    {
        Assert.NotEqual(
            Hash(UserMessage("""[{"type":"image_url","image_url":{"url":"data:x"}}]""")),
            Hash(UserMessage("""[{"type":"image_url","image_url":{"url":"data:x "}}]""")));
    }

    [Fact]
    public void TryBuild_TextPartVersusStringContent_DifferentKey()
    {
        Assert.NotEqual(Hash(UserMessage("\"Hi\"")), Hash(UserMessage("""[{"type":"text","text":"Hi"}]""")));
    }

    [Fact]
    public void TryBuild_UnknownMessageField_Kept()
    {
        Assert.NotEqual(
            Hash(Messages("""{"role":"assistant","content":"Hi"}""")),
            Hash(Messages("""{"role":"assistant","content":"Hi","refusal":"no"}""")));
    }

    private static string Messages(string messagesJson) => $$"""{"model":"gpt-4o","messages":[{{messagesJson}}]}""";
}
