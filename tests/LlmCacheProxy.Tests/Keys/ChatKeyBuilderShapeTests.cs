using static LlmCacheProxy.Tests.Keys.KeyTestHelper;

namespace LlmCacheProxy.Tests.Keys;

public sealed class ChatKeyBuilderShapeTests
{
    [Fact]
    public void TryBuild_ModelLastOrFirst_SameKey()
    {
        const string ModelFirst = """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"temperature":0.2}""";
        const string ModelLast = """{"messages":[{"content":"Hi","role":"user"}],"temperature":0.2,"model":"gpt-4o"}""";

        Assert.Equal(Hash(ModelFirst), Hash(ModelLast));
    }

    [Fact]
    public void TryBuild_IndentedBody_SameKeyAsCompact()
    {
        const string Compact = """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"stop":["a","b"]}""";
        const string Indented = "{\n  \"model\" : \"gpt-4o\",\r\n\t\"messages\": [ { \"role\": \"user\", \"content\": \"Hi\" } ],\n  \"stop\": [ \"a\" , \"b\" ]\n}\n";

        Assert.Equal(Hash(Compact), Hash(Indented));
    }

    [Fact]
    public void TryBuild_EscapedAndLiteralUnicode_SameKey()
    {
        Assert.Equal(Hash(UserMessage("\"caf\\u00e9 \\ud83d\\ude00\"")), Hash(UserMessage("\"café 😀\"")));
    }

    [Fact]
    public void TryBuild_EscapedPropertyName_SameKeyAsPlain()
    {
        Assert.Equal(Hash(WithParams("\"se\\u0065d\":1")), Hash(WithParams("\"seed\":1")));
    }

    [Fact]
    public void TryBuild_NestedObjectKeyOrder_SameKey()
    {
        Assert.Equal(
            Hash(WithParams(""" "response_format":{"type":"json_schema","json_schema":{"name":"x","strict":true}} """)),
            Hash(WithParams(""" "response_format":{"json_schema":{"strict":true,"name":"x"},"type":"json_schema"} """)));
    }

    [Fact]
    public void TryBuild_NestedNumberForms_SameKey()
    {
        Assert.Equal(Hash(WithParams("\"logit_bias\":{\"50256\":-100}")), Hash(WithParams("\"logit_bias\":{\"50256\":-1.0e2}")));
    }

    [Fact]
    public void TryBuild_NestedNumbers_WrittenInOneForm()
    {
        var canonical = Canonical(WithParams("\"x\":[1e300,-0.0,-0,9007199254740993,0.1,1.0,1e2,2.5E-3,12345678901234567890]"));

        Assert.Contains("\"x\":[1E+300,0,0,9007199254740993,0.1,1,100,0.0025,12345678901234567890]", canonical, StringComparison.Ordinal);
    }

    [Fact]
    public void TryBuild_ControlCharacters_EscapedMinimally()
    {
        var canonical = Canonical(WithParams("\"stop\":[\"a\\u0001\\n\\/\\u2028\"]"));

        Assert.Contains("\"stop\":[\"a\\u0001\\n/\u2028\"]", canonical, StringComparison.Ordinal);
    }
}
