namespace LlmCacheProxy.Caching;

/// <summary>One timed tier call. Disposing records it; the outcome methods may be called first.</summary>
internal interface ICacheTierScope : IDisposable
{
    /// <summary>The call found a live entry (lookups only).</summary>
    void Found();

    void Failed(Exception exception);
}
