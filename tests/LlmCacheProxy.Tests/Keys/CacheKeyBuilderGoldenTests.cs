using System.Globalization;
using System.Text;
using static LlmCacheProxy.Tests.Keys.KeyTestHelper;

namespace LlmCacheProxy.Tests.Keys;

public sealed class CacheKeyBuilderGoldenTests
{
    private const string MinimalHash = "31c718d4728db632c6ffe7d01eb2fa5d5446187b131cc79e8872a819461ce0be";
    private const string WithParamsHash = "ed540eaaa4638d560747b39fc90ef954e0e5dc873fd281b5a4d686657ed0583b";
    private const string ToolsAndPartsHash = "b8df6d2a8bccdc3c062987826983db09a5f78d9dcb0b742487c033459a41ce5e";
    private const string MinimalPartitionedHash = "ff216d4d681ea5fafdd4cede03c6f47b3797bec10e31732f8e285f50d27e7643";

    [Fact]
    public void TryBuild_MinimalBody_WritesSpecifiedCanonicalJson()
    {
        var canonical = Canonical(GoldenBodies.Minimal);

        Assert.Equal(
            """{"messages":[{"content":"Hello","role":"user"}],"model":"gpt-4o-mini","params":{"frequency_penalty":0,"n":1,"presence_penalty":0,"temperature":1,"top_p":1},"partition":"","route":"/v1/chat/completions","v":1}""",
            canonical);
    }

    [Fact]
    public void TryBuild_ToolsAndPartsBody_WritesSpecifiedCanonicalJson()
    {
        var canonical = Canonical(GoldenBodies.ToolsAndParts);

        Assert.Equal(
            """{"messages":[{"content":[{"text":"Grüße é 😀 \"q\"","type":"text"},{"image_url":{"detail":"low","url":"https://example.com/a.png"},"type":"image_url"}],"role":"user"},{"role":"assistant","tool_calls":[{"function":{"arguments":"{\"city\": \"Paris\"}","name":"get_weather"},"id":"call_1","type":"function"}]},{"content":"{\"temp\":21.5}","role":"tool","tool_call_id":"call_1"}],"model":"gpt-4o-2024-08-06","params":{"frequency_penalty":0,"n":1,"presence_penalty":0,"temperature":1,"tool_choice":"auto","tools":[{"function":{"name":"get_weather","parameters":{"properties":{"city":{"type":"string"}},"type":"object"}},"type":"function"}],"top_p":1},"partition":"","route":"/v1/chat/completions","v":1}""",
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
