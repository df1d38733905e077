namespace LlmCacheProxy.Storage;

/// <summary>
/// Logs the writer's first failure with its cause, then only counts: one line a minute with how many batches failed
/// since (a full disk fails every batch, thousands a minute under load). Called from the writer thread only.
/// </summary>
internal sealed class FailureLog(ILogger logger)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private long _windowStart = long.MinValue;
    private int _suppressed;

    public void Failed(int batchSize, Exception exception)
    {
        long now = Environment.TickCount64;
        if (_windowStart == long.MinValue || now - _windowStart >= (long)Window.TotalMilliseconds)
        {
            if (_suppressed > 0)
            {
                StorageLog.FailuresSuppressed(logger, _suppressed);
            }

            _windowStart = now;
            _suppressed = 0;
            StorageLog.BatchFailed(logger, batchSize, exception);
            return;
        }

        _suppressed++;
    }
}
