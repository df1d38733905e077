using System.Globalization;
using System.Text;
using static LlmCacheProxy.Tests.Keys.KeyTestHelper;

namespace LlmCacheProxy.Tests.Keys;

public sealed class ChatKeyBuilderGoldenTests
{
    private const string MinimalHash = "a57c813d0f8f86add6637a2efe8815305de6d4563c81717a93024f503c6204fd";
    private const string WithParamsHash = "61dfdddee4890fb3b4f695ff8d34e9d9163b12ab6dd5a140a70df911e8efcdea";
    private const string ToolsAndPartsHash = "7413e888cde7144c74517451bbe57927ef31e68ca78cf849ea1d37bbf58a8fc9";
    private const string MinimalPartitionedHash = "b1dc3aa15bc122d0d64cc33fddc0382f6161ad7fb869861941b56550a80a113d";
    private const string MinimalScopedHash = "1316dd8f1be85b267f886920f3dd8c28079bf58e4adf8cfa1a457a8c7454bca3";

    [Fact]
    public void TryBuild_MinimalBody_WritesSpecifiedCanonicalJson()
    {
        var canonical = Canonical(GoldenBodies.Minimal);

        Assert.Equal(
            """{"endpoint":"chat.completions","messages":[{"content":"Hello","role":"user"}],"model":"gpt-4o-mini","params":{"frequency_penalty":0,"n":1,"presence_penalty":0,"temperature":1,"top_p":1},"partition":"","route":"/v1/chat/completions","v":2,"vary":{}}""",
            canonical);
    }

    [Fact]
    public void TryBuild_ToolsAndPartsBody_WritesSpecifiedCanonicalJson()
    {
        var canonical = Canonical(GoldenBodies.ToolsAndParts);

        Assert.Equal(
            """{"endpoint":"chat.completions","messages":[{"content":[{"text":"Grüße é 😀 \"q\"","type":"text"},{"image_url":{"detail":"low","url":"https://example.com/a.png"},"type":"image_url"}],"role":"user"},{"role":"assistant","tool_calls":[{"function":{"arguments":"{\"city\": \"Paris\"}","name":"get_weather"},"id":"call_1","type":"function"}]},{"content":"{\"temp\":21.5}","role":"tool","tool_call_id":"call_1"}],"model":"gpt-4o-2024-08-06","params":{"frequency_penalty":0,"n":1,"presence_penalty":0,"temperature":1,"tool_choice":"auto","tools":[{"function":{"name":"get_weather","parameters":{"properties":{"city":{"type":"string"}},"type":"object"}},"type":"function"}],"top_p":1},"partition":"","route":"/v1/chat/completions","v":2,"vary":{}}""",
            canonical);
    }

    [Fact]
    public void TryBuild_MinimalBody_HasGoldenHash() =>
        Assert.Equal(MinimalHash, Hash(GoldenBodies.Minimal));

    [Fact]
    public void TryBuild_WithParamsBody_HasGoldenHash() =>
        Assert.Equal(WithParamsHash, Hash(GoldenBodies.WithParams));

    [Fact]
    public void TryBuild_ToolsAndPartsBody_HasGoldenHash() =>
        Assert.Equal(ToolsAndPartsHash, Hash(GoldenBodies.ToolsAndParts));

    [Fact]
    public void TryBuild_MinimalBodyWithPartition_HasGoldenHash() =>
        Assert.Equal(MinimalPartitionedHash, Hash(GoldenBodies.Minimal, partition: GoldenBodies.PartitionValue));

    [Fact]
    public void TryBuild_WithParamsBody_WritesSpecifiedCanonicalJson()
    {
        var canonical = Canonical(GoldenBodies.WithParams);

        Assert.Equal(
            """{"endpoint":"chat.completions","messages":[{"content":"You are terse.","role":"system"},{"content":"Say hi","role":"user"}],"model":"gpt-4o","params":{"frequency_penalty":0,"max_completion_tokens":256,"n":1,"presence_penalty":0,"response_format":{"type":"json_object"},"seed":42,"temperature":0.5,"top_p":0.9},"partition":"","route":"/v1/chat/completions","v":2,"vary":{}}""",
            canonical);
    }

    [Fact]
    public void TryBuild_MinimalBodyWithQueryAndVary_WritesSpecifiedCanonicalJson()
    {
        var key = Build(GoldenBodies.Minimal, GoldenBodies.Scoped);

        Assert.Equal(
            """{"endpoint":"chat.completions","messages":[{"content":"Hello","role":"user"}],"model":"gpt-4o-mini","params":{"frequency_penalty":0,"n":1,"presence_penalty":0,"temperature":1,"top_p":1},"partition":"b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c","route":"/openai/deployments/gpt/chat/completions?api-version=2024-02-01&b=x%20y","v":2,"vary":{"openai-beta":"assistants=v2","openai-organization":"org-1"}}""",
            Encoding.UTF8.GetString(key.CanonicalJson));
    }

    [Fact]
    public void TryBuild_MinimalBodyWithQueryAndVary_HasGoldenHash() =>
        Assert.Equal(MinimalScopedHash, Build(GoldenBodies.Minimal, GoldenBodies.Scoped).Hash);

    [Fact]
    public void TryBuild_Hash_IsSha256OfCanonicalJson()
    {
        var key = Build(GoldenBodies.WithParams);

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(key.CanonicalJson)), key.Hash);
    }

    [Fact]
    public void TryBuild_UnderFrenchCulture_HasGoldenHash()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fr-FR");

            var key = Build(GoldenBodies.WithParams);

            Assert.Equal(WithParamsHash, key.Hash);
            Assert.Contains("\"temperature\":0.5", Encoding.UTF8.GetString(key.CanonicalJson), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void TryBuild_WithParamsBody_ReportsStreamUsageAndTemperature()
    {
        var key = Build(GoldenBodies.WithParams);

        Assert.Equal((true, true, 0.5, "gpt-4o"), (key.Stream, key.IncludeUsage, key.Temperature, key.Model));
    }

    [Fact]
    public void TryBuild_MinimalBody_ReportsDefaults()
    {
        var key = Build(GoldenBodies.Minimal);

        Assert.Equal((false, false, 1.0), (key.Stream, key.IncludeUsage, key.Temperature));
    }
}
