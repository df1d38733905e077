namespace LlmCacheProxy.Pricing;

/// <summary>USD per one million tokens. Cached input defaults to the input price when a model has no discount.</summary>
internal sealed record ModelPrice(decimal InputPerMillion, decimal CachedInputPerMillion, decimal OutputPerMillion);
