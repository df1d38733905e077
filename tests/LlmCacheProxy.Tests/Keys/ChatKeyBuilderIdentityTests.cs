using LlmCacheProxy.Keys;
using static LlmCacheProxy.Tests.Keys.KeyTestHelper;

namespace LlmCacheProxy.Tests.Keys;

public sealed class ChatKeyBuilderIdentityTests
{
    [Fact]
    public void TryBuild_ModelCaseAndSpaces_SameKey()
    {
        Assert.Equal(Hash(UserMessage("\"Hi\"", "gpt-4o")), Hash(UserMessage("\"Hi\"", " GPT-4o ")));
    }

    [Fact]
    public void TryBuild_ModelCaseAndSpaces_ModelNormalized()
    {
        Assert.Equal("gpt-4o", Build(UserMessage("\"Hi\"", " GPT-4o ")).Model);
    }

    [Fact]
    public void TryBuild_AliasedSnapshot_SameKeyAsFamily()
    {
        var settings = KeySettings.Default with
        {
            ModelAliases = new Dictionary<string, string> { [" GPT-4o-2024-08-06 "] = " GPT-4o " },
        };

        var snapshot = Build(UserMessage("\"Hi\"", "gpt-4o-2024-08-06"), settings);

        Assert.Equal((Hash(UserMessage("\"Hi\"", "gpt-4o"), settings), "gpt-4o"), (snapshot.Hash, snapshot.Model));
    }

    [Fact]
    public void NormalizeModel_AliasedSnapshot_SameAsBuiltKeyModel()
    {
        // Admin filters by NormalizeModel(...); it must name entries exactly as their keys do.
        var settings = KeySettings.Default with
        {
            ModelAliases = new Dictionary<string, string> { [" GPT-4o-2024-08-06 "] = " GPT-4o " },
        };
        var builder = new ChatKeyBuilder(settings);

        var fromBody = Build(UserMessage("\"Hi\"", " GPT-4o-2024-08-06"), settings).Model;

        Assert.Equal(("gpt-4o", "gpt-4o"), (builder.NormalizeModel("gpt-4O-2024-08-06 "), fromBody));
    }

    [Fact]
    public void TryBuild_ConflictingAliases_ConstructorThrows()
    {
        var settings = KeySettings.Default with
        {
            ModelAliases = new Dictionary<string, string> { ["GPT-4o"] = "a", ["gpt-4o"] = "b" },
        };

        Assert.Throws<ArgumentException>(() => new ChatKeyBuilder(settings));
    }

    [Fact]
    public void TryBuild_DifferentModel_DifferentKey()
    {
        Assert.NotEqual(Hash(UserMessage("\"Hi\"", "gpt-4o")), Hash(UserMessage("\"Hi\"", "gpt-4o-mini")));
    }

    [Fact]
    public void TryBuild_DifferentPartition_DifferentKey()
    {
        Assert.NotEqual(Hash(GoldenBodies.Minimal, partition: ""), Hash(GoldenBodies.Minimal, partition: "abc"));
    }

    [Fact]
    public void TryBuild_DifferentRoute_DifferentKey()
    {
        Assert.NotEqual(Hash(GoldenBodies.Minimal, route: "/v1/chat/completions"), Hash(GoldenBodies.Minimal, route: "/openai/v1/chat/completions"));
    }

    [Fact]
    public void TryBuild_DifferentMode_SameKeyForAlreadyNormalText()
    {
        Assert.Equal(Hash(GoldenBodies.Minimal, WithMode(NormalizationMode.Exact)), Hash(GoldenBodies.Minimal));
    }

    [Fact]
    public void TryBuild_ModelAtLengthLimit_Cacheable()
    {
        Assert.True(IsCacheable(UserMessage("\"Hi\"", new string('m', 200))));
    }

    [Fact]
    public void TryBuild_ModelOverLengthLimit_NotCacheable()
    {
        Assert.False(IsCacheable(UserMessage("\"Hi\"", new string('m', 201))));
    }

    [Fact]
    public void TryBuild_ModelOverLengthLimitOnlyWithSpaces_Cacheable()
    {
        Assert.True(IsCacheable(UserMessage("\"Hi\"", "  " + new string('m', 200) + "  ")));
    }

    [Fact]
    public void TryBuild_ModelOverOperatorLengthLimit_NotCacheable()
    {
        var settings = KeySettings.Default with { MaxModelLength = 5 };

        Assert.Equal((true, false), (IsCacheable(UserMessage("\"Hi\"", "gpt-4"), settings), IsCacheable(UserMessage("\"Hi\"", "gpt-4o"), settings)));
    }

    [Fact]
    public void TryBuild_EscapedModelOverLengthLimit_NotCacheable()
    {
        // Escaped names take the document path: the limit must hold there too.
        Assert.False(IsCacheable(UserMessage("\"Hi\"", "\\u006d" + new string('m', 200))));
    }
}
