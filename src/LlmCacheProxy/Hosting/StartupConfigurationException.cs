namespace LlmCacheProxy.Hosting;

/// <summary>Settings that cannot be read at all (a typed value that does not parse), found before anything binds.</summary>
internal sealed class StartupConfigurationException(IReadOnlyList<string> failures)
    : Exception("Configuration errors: " + string.Join(" ", failures))
{
    public IReadOnlyList<string> Failures { get; } = failures;
}
