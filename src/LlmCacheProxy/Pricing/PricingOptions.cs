namespace LlmCacheProxy.Pricing;

/// <summary>Settings under <c>Pricing</c>.</summary>
internal sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    /// <summary>
    /// Price file; a relative path is relative to the working folder. Empty = <see cref="DefaultFile"/>, set after
    /// binding from the host's content root.
    /// </summary>
    public string Path { get; set; } = "";

    /// <summary>How often (at most) the file's modification time is checked for a reload.</summary>
    public int ReloadCheckSeconds { get; set; } = 5;

    public string ResolvedPath => string.IsNullOrWhiteSpace(Path) ? DefaultFile(null) : System.IO.Path.GetFullPath(Path);

    /// <summary>
    /// <c>config/pricing.json</c> in the content root (the working folder) when it is there, else the copy beside the
    /// binary. A proxy started from the repository (scripts/run.sh) so reads, and reloads, the repository's own file:
    /// the build's copy beside the binary would not see an edit until the next build.
    /// </summary>
    public static string DefaultFile(string? contentRoot)
    {
        if (!string.IsNullOrEmpty(contentRoot) && System.IO.Path.Combine(contentRoot, "config", "pricing.json") is var local && File.Exists(local))
        {
            return System.IO.Path.GetFullPath(local);
        }

        return System.IO.Path.Combine(AppContext.BaseDirectory, "config", "pricing.json");
    }
}
