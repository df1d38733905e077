using LlmCacheProxy.Caching.Semantic;

namespace LlmCacheProxy.Tests.Caching.Semantic;

/// <summary>
/// The reflection contract with the optional project. The test output folder holds
/// LlmCacheProxy.LocalEmbeddings.dll (the test project references it), so the loader runs against it
/// as it would against a folder published by scripts/build-local-embeddings.sh.
/// </summary>
public sealed class LocalEmbeddingsLoaderTests
{
    [Fact]
    public async Task Load_FromAFolderWithTheAssembly_EmbedsOffline()
    {
        var source = LocalEmbeddingsLoader.Load(AppContext.BaseDirectory);

        var vector = await source.EmbedAsync("How do I reverse a list in Python?", CancellationToken.None);

        Assert.Equal(384, vector.Length);
        Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm(vector), 3);
        Assert.Equal("local:all-MiniLM-L6-v2", source.Model);
    }

    [Fact]
    public void Load_BindsThroughItsOwnLoadContext()
    {
        LocalEmbeddingsLoader.Load(AppContext.BaseDirectory);

        Assert.Contains(System.Runtime.Loader.AssemblyLoadContext.All, c => c is LocalEmbeddingsLoadContext);
    }

    [Fact]
    public void Load_FromAnEmptyFolder_SaysHowToBuildIt()
    {
        var empty = Directory.CreateTempSubdirectory("no-model-").FullName;

        var error = Assert.Throws<InvalidOperationException>(() => LocalEmbeddingsLoader.Load(empty));

        Assert.Contains(LocalEmbeddingsLoader.AssemblyFileName, error.Message);
        Assert.Contains("./scripts/build-local-embeddings.sh", error.Message);
    }

    [Fact]
    public void ResolveFolder_Relative_IsBesideTheApplication()
    {
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "local-embeddings"), LocalEmbeddingsLoader.ResolveFolder("local-embeddings"));
    }

    [Fact]
    public void SimilarQuestions_ScoreHigherThanUnrelatedOnes()
    {
        var source = LocalEmbeddingsLoader.Load(AppContext.BaseDirectory);
        var v = source.EmbedBatch(["How do I reverse a list in Python?", "What's the way to reverse a Python list?", "What is the capital of Australia?"]);

        var close = System.Numerics.Tensors.TensorPrimitives.Dot(v[0], v[1]);
        var far = System.Numerics.Tensors.TensorPrimitives.Dot(v[0], v[2]);

        Assert.True(close > 0.9f && far < 0.3f, $"close {close}, far {far}");
    }
}
