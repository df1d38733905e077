namespace LlmCacheProxy.Hosting;

/// <summary>
/// Work that must reach durable storage on shutdown (the S3 outbox). Run by
/// <see cref="ShutdownFlushService"/> in <see cref="Order"/> (see <see cref="ShutdownOrder"/>), after Kestrel has drained
/// the in-flight requests and before the SQLite writer drains, each bounded by its own <see cref="Budget"/>.
/// </summary>
internal interface IShutdownFlush
{
    string Name { get; }

    int Order { get; }

    /// <summary>Longest the hook may take; past it shutdown goes on (the work stays queued for the next start).</summary>
    TimeSpan Budget { get; }

    Task FlushAsync(CancellationToken cancellationToken);
}
