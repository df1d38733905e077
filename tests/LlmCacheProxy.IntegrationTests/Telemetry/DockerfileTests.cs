using System.Text.RegularExpressions;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Telemetry;

/// <summary>No Docker engine here: these check statically what a build would rely on.</summary>
public sealed class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "Dockerfile"))
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();

    [Fact]
    public void Dockerfile_Stages_BuildWithSdkAndRunOnAspNetRuntime()
    {
        var froms = Lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, froms.Length);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0", froms[0]);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", froms[1]);
        Assert.Contains(Lines, l => l.Contains("dotnet publish src/LlmCacheProxy/LlmCacheProxy.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_BaseImages_ArePinnedToAPatchRelease()
    {
        var froms = Lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToArray();

        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0\.\d+ AS build$", froms[0]);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0\.\d+ AS runtime$", froms[1]);
    }

    [Fact]
    public void Dockerfile_RestoreAndPublish_AreForLinuxX64Only()
    {
        var restore = Assert.Single(Lines, l => l.StartsWith("RUN dotnet restore ", StringComparison.Ordinal));
        var publish = Assert.Single(Lines, l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal));

        Assert.Contains("-r linux-x64", restore);
        Assert.Contains("-r linux-x64 --self-contained false", publish);
        // Plain NuGet: no local package folder feed and no extra source, in the image or in nuget.config.
        Assert.DoesNotContain(Lines, l => l.Contains(".packages", StringComparison.Ordinal) || l.Contains("--source", StringComparison.Ordinal));
        var sources = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryRoot.Path, "nuget.config")).Descendants("add").ToList();
        Assert.Equal("https://api.nuget.org/v3/index.json", Assert.Single(sources).Attribute("value")?.Value);
    }

    [Fact]
    public void Dockerfile_CopySources_ExistInTheRepository()
    {
        foreach (var line in Lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal)))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[1..^1])
            {
                string path = Path.Combine(RepositoryRoot.Path, source);
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{source} (in '{line}') is not in the repository");
            }
        }
    }

    [Fact]
    public void Dockerfile_Runtime_ListensOn8080WithDataVolumeAsNonRoot()
    {
        string runtime = string.Join('\n', Lines.SkipWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet", StringComparison.Ordinal)));
        Assert.Contains("EXPOSE 8080", runtime);
        Assert.Contains("ASPNETCORE_URLS=http://0.0.0.0:8080", runtime);
        Assert.Contains("VOLUME [\"/data\"]", runtime);
        Assert.Contains("Cache__Sqlite__Path=/data/", runtime);
        var user = Regex.Match(runtime, @"^USER\s+(\S+)", RegexOptions.Multiline);
        Assert.True(user.Success, "the runtime stage sets a USER");
        Assert.DoesNotMatch(@"^(root|0)(:|$)", user.Groups[1].Value);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"LlmCacheProxy.dll\"]", runtime);
    }

    [Fact]
    public void Dockerfile_Healthcheck_RunsTheBinaryWithThePortFromTheEnvironment()
    {
        var check = Assert.Single(Lines, l => l.StartsWith("CMD ", StringComparison.Ordinal) || l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal) && l.Contains("CMD", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        Assert.EndsWith("CMD [\"dotnet\", \"LlmCacheProxy.dll\", \"--healthcheck\"]", check);
        Assert.DoesNotContain("8080", check); // the port comes from ASPNETCORE_URLS at run time
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputAndDatabasesOut_ButNotTheSources()
    {
        var ignore = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, ".dockerignore")).Select(l => l.Trim()).ToArray();
        Assert.Contains("**/bin/", ignore);
        Assert.Contains("**/obj/", ignore);
        Assert.Contains("**/*.db", ignore);
        Assert.DoesNotContain(ignore, l => l is "src/" or "src" or "config/" or "config" or "scripts/" or "scripts");
    }
}
