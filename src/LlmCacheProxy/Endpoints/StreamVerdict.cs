namespace LlmCacheProxy.Endpoints;

/// <summary>What a module makes of a captured upstream event stream once the forward ended.</summary>
internal enum StreamVerdict
{
    /// <summary>The answer ended as the endpoint's protocol says a whole answer ends: storable.</summary>
    Complete,

    /// <summary>Upstream reported an error in the stream: its answer, passed on as it was, never stored.</summary>
    Failed,

    /// <summary>The stream stopped before its end without saying why: no answer at all (waiters retry).</summary>
    Truncated,
}
