namespace LlmCacheProxy.IntegrationTests.Infrastructure;

internal static class RepositoryRoot
{
    /// <summary>The folder holding LlmCacheProxy.sln, found upwards from the test binaries.</summary>
    public static string Path { get; } = Find();

    /// <summary>Debug or Release: the configuration these tests were built in (bin/&lt;config&gt;/net10.0).</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar)).Parent!.Name;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "LlmCacheProxy.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LlmCacheProxy.sln not found above " + AppContext.BaseDirectory);
    }
}
