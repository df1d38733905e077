namespace LlmCacheProxy.Admin;

/// <summary>Body of <c>POST /admin/cache/invalidate</c>. <c>older_than</c> is ISO 8601.</summary>
internal sealed record InvalidateRequest
{
    public string? Model { get; init; }
    public string? Namespace { get; init; }
    public string? OlderThan { get; init; }
    public string? Key { get; init; }
    public string? Pattern { get; init; }
    public bool DryRun { get; init; }
}
