namespace LlmCacheProxy.Caching.S3;

/// <summary>Wakes the uploader when a row was queued, so uploads start at once instead of at the next poll.</summary>
internal sealed class S3OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up covers every row queued since.
        }
    }

    /// <summary>Waits for a notification or the timeout, whichever first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
