using System.Diagnostics;
using System.Reflection;

namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// Finds and loads the optional project LlmCacheProxy.LocalEmbeddings, which the proxy does not
/// reference (its model and runtime weigh hundreds of MB): built into a folder by
/// scripts/build-local-embeddings.sh, loaded here by reflection. The contract is the public static
/// class <see cref="EntryTypeName"/> with <c>float[][] Embed(string[])</c> and <c>void Warm()</c>.
/// </summary>
internal static class LocalEmbeddingsLoader
{
    public const string AssemblyFileName = "LlmCacheProxy.LocalEmbeddings.dll";
    public const string EntryTypeName = "LlmCacheProxy.LocalEmbeddings.MiniLmEmbedder";

    /// <summary>A relative folder is taken from the application's own folder, not the working directory.</summary>
    public static string ResolveFolder(string configured) =>
        Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(AppContext.BaseDirectory, configured));

    /// <summary>Null when the folder holds the assembly, else the start-up error that says how to build it.</summary>
    public static string? FindProblem(string folder) =>
        File.Exists(Path.Combine(folder, AssemblyFileName))
            ? null
            : $"Cache:Semantic:Embeddings is 'local' but {AssemblyFileName} is not in {folder}. The local model is an optional " +
              "build: run ./scripts/build-local-embeddings.sh (or: dotnet publish src/LlmCacheProxy.LocalEmbeddings -c Release " +
              $"-o {folder}), or point Cache:Semantic:LocalEmbeddingsPath at the folder it was published to.";

    /// <summary>Loads the assembly and the model (about a second); throws with a clear message when either is missing.</summary>
    public static LocalEmbeddingSource Load(string folder)
    {
        if (FindProblem(folder) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var started = Stopwatch.GetTimestamp();
        var path = Path.Combine(folder, AssemblyFileName);
        var assembly = new LocalEmbeddingsLoadContext(path).LoadFromAssemblyPath(path);
        var entry = assembly.GetType(EntryTypeName)
            ?? throw new InvalidOperationException($"{path} has no type {EntryTypeName}; rebuild it with ./scripts/build-local-embeddings.sh.");
        var embed = entry.GetMethod("Embed", BindingFlags.Public | BindingFlags.Static, [typeof(string[])])
            ?? throw new InvalidOperationException($"{EntryTypeName} has no public static float[][] Embed(string[]).");
        var warm = entry.GetMethod("Warm", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes);
        var embedder = embed.CreateDelegate<Func<string[], float[][]>>();
        try
        {
            warm?.Invoke(null, null);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException($"The local embedding model in {folder} failed to load: {e.InnerException.Message}", e.InnerException);
        }

        return new LocalEmbeddingSource(embedder, Stopwatch.GetElapsedTime(started));
    }
}
