namespace LlmCacheProxy.Caching;

/// <summary>
/// How many writes wait to be sent to a lower, remote tier (the S3 outbox). Implemented by the S3 tier when it
/// is enabled; the admin stats report null when nothing implements it.
/// </summary>
internal interface IOutboxDepth
{
    long Depth { get; }
}
