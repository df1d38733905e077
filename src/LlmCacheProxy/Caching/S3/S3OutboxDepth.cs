namespace LlmCacheProxy.Caching.S3;

/// <summary>
/// Outbox rows still to be uploaded, for the outbox gauge and admin stats. The count query is cheap on the small
/// outbox table but gauges and dashboards may ask often, so the value is reused for a second.
/// </summary>
internal sealed class S3OutboxDepth(S3Outbox outbox, TimeProvider time) : IOutboxDepth
{
    private long _depth;
    private long _readAt;

    public long Depth
    {
        get
        {
            long now = time.GetTimestamp();
            long readAt = Interlocked.Read(ref _readAt);
            if (readAt == 0 || time.GetElapsedTime(readAt, now) > TimeSpan.FromSeconds(1))
            {
                Interlocked.Exchange(ref _depth, outbox.Count());
                Interlocked.Exchange(ref _readAt, now);
            }

            return Interlocked.Read(ref _depth);
        }
    }
}
