namespace LlmCacheProxy.Pricing;

/// <summary>USD cost of the upstream call that produced an entry.</summary>
internal sealed record CostInfo(decimal Input, decimal Output, decimal Total);
