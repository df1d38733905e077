using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching.Sqlite;

/// <summary>
/// The single background writer: takes writes from a channel and commits them in batches, one transaction
/// per batch, off the request path. A failing batch is retried write by write so one bad write loses only
/// itself. On shutdown the channel is drained before the process exits.
/// </summary>
internal sealed class SqliteWriter : IHostedService, IAsyncDisposable
{
    private const int Capacity = 100_000;
    private static readonly TimeSpan BusyWindow = TimeSpan.FromMilliseconds(5);
    private readonly Channel<ISqliteWrite> _channel = Channel.CreateBounded<ISqliteWrite>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly SqliteDatabase _database;
    private readonly SqliteEviction _eviction;
    private readonly int _batchSize;
    private readonly ILogger<SqliteWriter> _logger;
    private Task? _loop;
    private long _dropped;
    private long _failed;
    private long _lastFailureTicks = long.MinValue;

    public SqliteWriter(SqliteDatabase database, SqliteEviction eviction, IOptions<CacheOptions> options, ILogger<SqliteWriter> logger)
    {
        _database = database;
        _eviction = eviction;
        _batchSize = options.Value.Sqlite.WriteBatchSize;
        _logger = logger;
    }

    public long Pending => _channel.Reader.Count;

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>True when a write failed within the last <paramref name="window"/> (readiness: degraded).</summary>
    public bool FailedWithin(TimeSpan window)
    {
        long last = Interlocked.Read(ref _lastFailureTicks);
        return last != long.MinValue && Environment.TickCount64 - last < (long)window.TotalMilliseconds;
    }

    /// <summary>Queues a write without waiting. False (and counted) when the queue is full.</summary>
    public bool TryEnqueue(ISqliteWrite write)
    {
        if (_channel.Writer.TryWrite(write))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Completes once every write queued before the call is committed.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var barrier = new FlushBarrier();
        if (!_channel.Writer.TryWrite(barrier))
        {
            return _channel.Writer.WriteAsync(barrier, cancellationToken).AsTask().ContinueWith(
                _ => barrier.Task, cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }

        return barrier.Task.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The loop blocks its own thread, waits included: after an await it would resume on a thread-pool thread and
    /// hold it through every commit and checkpoint fsync, a worker the requests then lack (2 cores: half the pool).
    /// </summary>
    private void Run()
    {
        var batch = new List<ISqliteWrite>(_batchSize);
        using var connection = _database.OpenConnection();
        long lastCommit = 0;
        while (_channel.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            Drain(batch);
            // Under load (the previous commit was moments ago) wait a millisecond for more writes: every commit
            // rewrites the touched pages into the WAL, so one commit per store cost ~10 % of a miss's CPU in write().
            // Idle, a store commits at once.
            if (batch.Count < _batchSize && Stopwatch.GetElapsedTime(lastCommit) < BusyWindow)
            {
                Thread.Sleep(1);
                Drain(batch);
            }

            try
            {
                Commit(connection, batch);
                lastCommit = Stopwatch.GetTimestamp();
                _eviction.EvictIfNeeded(connection);
            }
            catch (Exception e)
            {
                // Whatever the disk does, the writer loop must survive: a dead loop would silently stop all stores.
                Interlocked.Increment(ref _failed);
                Interlocked.Exchange(ref _lastFailureTicks, Environment.TickCount64);
                CachingLog.SqliteBatchFailed(_logger, batch.Count, e);
            }

            batch.Clear();
        }
    }

    private void Drain(List<ISqliteWrite> batch)
    {
        while (batch.Count < _batchSize && _channel.Reader.TryRead(out var write))
        {
            batch.Add(write);
        }
    }

    private void Commit(SqliteConnection connection, List<ISqliteWrite> batch)
    {
        Exception? error = null;
        try
        {
            using var transaction = connection.BeginTransaction();
            foreach (var write in batch)
            {
                write.Execute(connection, transaction);
            }

            transaction.Commit();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
        {
            error = e;
            CachingLog.SqliteBatchFailed(_logger, batch.Count, e);
        }

        if (error is null)
        {
            foreach (var write in batch)
            {
                write.Completed(null);
            }

            return;
        }

        // Retry one by one so a single bad write does not take the batch with it.
        foreach (var write in batch)
        {
            try
            {
                using var transaction = connection.BeginTransaction();
                write.Execute(connection, transaction);
                transaction.Commit();
                write.Completed(null);
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
            {
                Interlocked.Increment(ref _failed);
                Interlocked.Exchange(ref _lastFailureTicks, Environment.TickCount64);
                write.Completed(e);
            }
        }
    }

    private sealed class FlushBarrier : ISqliteWrite
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task => _done.Task;

        public void Execute(SqliteConnection connection, SqliteTransaction transaction)
        {
        }

        public void Completed(Exception? error) => _done.TrySetResult();
    }
}
