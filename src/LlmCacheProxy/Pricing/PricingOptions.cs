namespace LlmCacheProxy.Pricing;

/// <summary>Settings under <c>Pricing</c>.</summary>
internal sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    /// <summary>Price file. Empty = <c>config/pricing.json</c> beside the binary; a relative path is relative to the working folder.</summary>
    public string Path { get; set; } = "";

    /// <summary>How often (at most) the file's modification time is checked for a reload.</summary>
    public int ReloadCheckSeconds { get; set; } = 5;

    public string ResolvedPath => string.IsNullOrWhiteSpace(Path)
        ? System.IO.Path.Combine(AppContext.BaseDirectory, "config", "pricing.json")
        : System.IO.Path.GetFullPath(Path);
}
