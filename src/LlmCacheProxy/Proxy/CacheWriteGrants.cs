namespace LlmCacheProxy.Proxy;

/// <summary>
/// The request controls that change what a shared entry holds: <c>Cache-Control: no-cache</c> (replace it with a
/// fresh answer), <c>no-store</c> (take the answer without storing it) and <c>X-Cache-TTL</c> (choose its lifetime).
/// In proxy-held mode a client key may send only those it is granted (<c>AllowedCacheControls</c>).
/// </summary>
[Flags]
internal enum CacheWriteGrants
{
    None = 0,
    NoCache = 1,
    NoStore = 2,
    Ttl = 4,
    All = NoCache | NoStore | Ttl,
}
