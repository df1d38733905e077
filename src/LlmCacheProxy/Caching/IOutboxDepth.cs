namespace LlmCacheProxy.Caching;

/// <summary>
/// Optional: a component with a queue of writes still to be sent elsewhere (the S3 outbox) reports its length
/// here, for the <c>llmcache.outbox.depth</c> gauge and admin stats
/// (which report null when nothing implements it). Must be cheap (a counter, not a query).
/// </summary>
internal interface IOutboxDepth
{
    long Depth { get; }
}
