using LlmCacheProxy.Caching.Semantic;

namespace LlmCacheProxy.Tests.Caching.Semantic;

public sealed class SemanticOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid_AndOff()
    {
        var options = new SemanticOptions();

        Assert.False(options.Enabled);
        Assert.Equal(SemanticOptions.DefaultThreshold, options.Threshold);
        Assert.True(new SemanticOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void SeveralMistakes_AreAllListed()
    {
        var options = new SemanticOptions { Threshold = 1.5f, Neighbors = 0, MaxIndexBytes = 0, MaxRejectedPairs = 0 };

        var failures = new SemanticOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.Contains("Cache:Semantic:Threshold"));
        Assert.Contains(failures, f => f.Contains("Cache:Semantic:Neighbors"));
        Assert.Contains(failures, f => f.Contains("Cache:Semantic:MaxIndexBytes"));
        Assert.Contains(failures, f => f.Contains("Cache:Semantic:MaxRejectedPairs"));
    }

    [Fact]
    public void LocalEmbeddings_WithoutTheBuiltModel_StopsStartUpWithTheBuildCommand()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-local-embeddings-" + Guid.NewGuid().ToString("N"));
        var options = new SemanticOptions { Enabled = true, Embeddings = EmbeddingsMode.Local, LocalEmbeddingsPath = missing };

        var failure = Assert.Single(new SemanticOptionsValidator().Validate(null, options).Failures!);

        Assert.Contains(missing, failure);
        Assert.Contains("./scripts/build-local-embeddings.sh", failure);
    }

    [Fact]
    public void LocalEmbeddings_WhenOff_AreNotLookedFor()
    {
        var options = new SemanticOptions { Enabled = false, Embeddings = EmbeddingsMode.Local, LocalEmbeddingsPath = "/nowhere" };

        Assert.True(new SemanticOptionsValidator().Validate(null, options).Succeeded);
    }
}
