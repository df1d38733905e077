using System.Text;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Tests.Keys;

/// <summary>
/// The fast path (token offsets, no DOM) must give the document path's exact bytes, and must leave every
/// body it cannot match, and every uncacheable one, to the document path.
/// </summary>
public sealed class ChatKeyBuilderFastPathTests
{
    private static readonly KeyScope Scope = KeyScope.Create("/v1/chat/completions", null, "p", []);

    public static TheoryData<string> CommonBodies => new()
    {
        GoldenBodies.Minimal,
        GoldenBodies.WithParams,
        GoldenBodies.ToolsAndParts,
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Line one\nLine two\n\n- item\t\"q\" \\ \/"}],"temperature":0.7}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Crème brûlée, 日本語のテキスト 🙂\n"}],"max_tokens":100}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":" \u00a0\u3000 padded \u2003\n"}]}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"surrogate pair \ud83d\ude00 and \u00e9"}]}""",
        """{"model":"gpt-4o","messages":[{"role":"User ","content":"Hi"}],"metadata":{"a":{"b":1},"c":[{"d":2}]}}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"a\r\nb\rc"}],"top_p":0.123,"seed":1e3,"n":-0}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"text","text":" x ","extra":null},{"type":"image_url","image_url":{"url":"u"}}]}]}""",
        """{"model":"gpt-4o","messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"c","function":{"arguments":"{\"a\":1.50}"}}]}],"tools":[{"x":[1.0,2.5e-3,true,false,null]}]}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi","n":-9007199254740993}],"seed":9007199254740993,"tools":[{"a":[123456789012345678901234567890,-0,1e2,1.5e300]}]}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"temperature":0.705,"top_p":0.901,"min_p":0.014,"repetition_penalty":1.004,"top_k":4e1}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"max_completion_tokens":9007199254740993,"frequency_penalty":-0.0}""",
    };

    public static TheoryData<string> EdgeBodies => new()
    {
        """{"model":"gpt-4o","messages":[{"role":"user","content":"lone \ud800 half"}]}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"tools":[{"a":1,"a":2}]}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"metadata":{"a":1,"a":2}}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"max_tokens":5,"max_completion_tokens":5}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"max_tokens":5,"max_completion_tokens":6}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"max_tokens":100,"max_completion_tokens":100.001}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"max_tokens":9007199254740993,"max_completion_tokens":9007199254740992}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"max_tokens":1e2,"max_completion_tokens":100}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"temperature":"0.5"}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"temperature":1e400}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"tools":[1e400]}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"to\u006fls":[1]}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"e\u0301 decomposed"}]}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"é decomposed raw"}]}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"t\u0065xt","text":" x "}]}]}""",
        """{"model":"gpt-4o","messages":[{"content":"no role"}]}""",
        """{"model":"gpt-4o","messages":[{"role":null,"content":"null role"}]}""",
        """{"model":"gpt-4o","messages":[{"role":"\u0055ser","content":"escaped role"}]}""",
        """{"model":" GPT-\u0034o ","messages":[]}""",
        """{"model":"gpt-4o","messages":{}}""",
        """{"messages":[]}""",
        """[1,2]""",
        """{"model":"gpt-4o","messages":[]} trailing""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"stream":true,"stream_options":{"include_usage":true}}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"tools":[{"arguments":"lone \udc00"}]}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":[{"type":"text","text":5},{"type":"text"}]}]}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":""},{"role":"user","content":" \n\t "}]}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"\u0085x\u000b\u0085 "},{"role":"user","content":"end\r"}]}""",
        """{"model":"gpt-4o","messages":[{"role":"user","content":"Two  spaces and CAPS"}]}""",
        "\uFEFF" + GoldenBodies.Minimal,
        Nested(63),
        Nested(64),
        Nested(65),
    };

    private static string Nested(int depth) =>
        $$"""{"model":"m","messages":[],"tools":{{new string('[', depth - 1)}}{{new string(']', depth - 1)}}}""";

    [Theory]
    [MemberData(nameof(CommonBodies))]
    public void TryBuildFast_CommonBody_HandledWithDocumentPathBytes(string body)
    {
        var builder = new ChatKeyBuilder(KeySettings.Default);
        var utf8 = Encoding.UTF8.GetBytes(body);

        Assert.True(builder.TryBuildFast(utf8, Scope, out var fast), "the fast path should handle this body");
        Assert.True(builder.TryBuildFromDocument(utf8, Scope, out var reference));
        AssertSameKey(reference, fast);
    }

    [Theory]
    [MemberData(nameof(CommonBodies))]
    public void TryBuildFast_CommonBodyInExactMode_HandledWithDocumentPathBytes(string body)
    {
        // Exact is the other mode the fast path takes on itself (only Loose rewrites go to the document path).
        var builder = new ChatKeyBuilder(KeySettings.Default with { Normalization = NormalizationMode.Exact });
        var utf8 = Encoding.UTF8.GetBytes(body);

        Assert.True(builder.TryBuildFast(utf8, Scope, out var fast), "the fast path should handle this body");
        Assert.True(builder.TryBuildFromDocument(utf8, Scope, out var reference));
        AssertSameKey(reference, fast);
    }

    [Theory]
    [MemberData(nameof(CommonBodies))]
    public void TryBuildFast_CommonBodyOperatorRoundingAndScope_HandledWithDocumentPathBytes(string body)
    {
        // Another rounding list and a scope with query and vary headers: both paths must still agree byte for byte.
        var builder = new ChatKeyBuilder(KeySettings.Default with { RoundedParams = new HashSet<string> { "min_p", "top_k", "seed" } });
        var utf8 = Encoding.UTF8.GetBytes(body);

        Assert.True(builder.TryBuildFast(utf8, GoldenBodies.Scoped, out var fast), "the fast path should handle this body");
        Assert.True(builder.TryBuildFromDocument(utf8, GoldenBodies.Scoped, out var reference));
        AssertSameKey(reference, fast);
    }

    [Theory]
    [MemberData(nameof(CommonBodies))]
    [MemberData(nameof(EdgeBodies))]
    public void TryBuildFast_AnyBodyAnyMode_NeverDisagreesWithDocumentPath(string body)
    {
        foreach (var mode in Enum.GetValues<NormalizationMode>())
        {
            var builder = new ChatKeyBuilder(KeySettings.Default with { Normalization = mode });
            var utf8 = Encoding.UTF8.GetBytes(body);

            var handled = builder.TryBuildFast(utf8, Scope, out var fast);
            var cacheable = builder.TryBuildFromDocument(utf8, Scope, out var reference);

            Assert.False(handled && !cacheable, $"fast path built a key the document path refuses ({mode})");
            if (handled)
            {
                AssertSameKey(reference!, fast!);
            }
        }
    }

    private static void AssertSameKey(CacheKey expected, CacheKey actual)
    {
        Assert.Equal(Encoding.UTF8.GetString(expected.CanonicalJson), Encoding.UTF8.GetString(actual.CanonicalJson));
        Assert.Equal(expected, actual with { CanonicalJson = expected.CanonicalJson });
    }
}
