namespace LlmCacheProxy.Storage;

/// <summary>One <c>entries</c> row's key and stored body (in whatever form it was stored), as the scans return them.</summary>
internal sealed record StoredBody(string Key, byte[] Body);
