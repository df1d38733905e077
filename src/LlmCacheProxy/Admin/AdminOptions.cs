namespace LlmCacheProxy.Admin;

/// <summary>Settings under <c>Admin</c>.</summary>
internal sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Bearer token for /admin/*. Empty = the admin API answers 403 saying how to set it.</summary>
    public string Token { get; set; } = "";
}
