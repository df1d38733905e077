using System.Reflection;
using System.Runtime.Loader;

namespace LlmCacheProxy.Caching.Semantic;

/// <summary>
/// Loads the optional local-embeddings assembly and its dependencies (ONNX Runtime, its native
/// library, the model assembly) from their own folder, resolved through that folder's deps.json, so
/// they never clash with the proxy's own versions. Only strings and float arrays cross the boundary.
/// </summary>
internal sealed class LocalEmbeddingsLoadContext(string assemblyPath) : AssemblyLoadContext("LlmCacheProxy.LocalEmbeddings", isCollectible: false)
{
    private readonly AssemblyDependencyResolver _resolver = new(assemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName) =>
        _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
