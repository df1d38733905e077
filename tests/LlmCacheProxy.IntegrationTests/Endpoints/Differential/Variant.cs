namespace LlmCacheProxy.IntegrationTests.Endpoints.Differential;

/// <summary>
/// One generated case: <paramref name="First"/>, then <paramref name="Same"/> (the same request spelled otherwise: a hit),
/// then <paramref name="Changed"/> (one meaningful change, <paramref name="What"/>: a miss), on <paramref name="Path"/>
/// (the changed one on <paramref name="ChangedPath"/>, with <paramref name="ChangedHeader"/> when the change is a header).
/// </summary>
internal sealed record Variant(
    string Path, string First, string Same, string Changed, string What, string? ChangedPath = null, (string Name, string Value)? ChangedHeader = null);
