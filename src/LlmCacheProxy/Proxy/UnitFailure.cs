namespace LlmCacheProxy.Proxy;

/// <summary>A split request's forward that gave no answer to store: what upstream said, to pass on or to cover with stale entries.</summary>
/// <param name="Transport">No answer at all (connect error, timeout): the proxy pipeline words the error.</param>
/// <param name="Body">Upstream's body as it came (empty for a transport failure).</param>
internal sealed record UnitFailure(bool Transport, int Status, byte[] Body)
{
    /// <summary>A failure stale-if-error covers: no answer, 429 or 5xx.</summary>
    public bool StaleEligible => Transport || Status == StatusCodes.Status429TooManyRequests || Status >= 500;
}
