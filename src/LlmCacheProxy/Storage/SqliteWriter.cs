using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Storage;

/// <summary>
/// The single background writer: takes writes from a channel and commits them in batches, one transaction
/// per batch, off the request path. A failing batch is retried write by write so one bad write loses only
/// itself; a batch refused because another process holds the write lock is dropped whole after a short wait
/// (<see cref="LockWaitMilliseconds"/>, <see cref="CommandTimeoutSeconds"/>) so a locked file cannot stall the
/// writer. Failures are logged once with their cause, then counted (one line a minute), so a full disk cannot
/// flood the log. It also notices a file deleted under it and has it made afresh. The lifecycle starts it after the database is open and stops it last: the channel is drained
/// before the process exits.
/// </summary>
internal sealed partial class SqliteWriter : IAsyncDisposable
{
    private const int Capacity = 100_000;

    /// <summary>SQLite's own busy wait on the writer's connection (readers keep the database-wide 5 s).</summary>
    internal const int LockWaitMilliseconds = 1000;

    /// <summary>Microsoft.Data.Sqlite retries a busy statement until this; its default (30 s) would stall every batch.</summary>
    internal const int CommandTimeoutSeconds = 2;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private static readonly TimeSpan BusyWindow = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan TotalsRefresh = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FileCheckInterval = TimeSpan.FromSeconds(2);
    private static readonly InvalidOperationException Off = new("The SQLite database is off.");
    private readonly Channel<ISqliteWrite> _channel = Channel.CreateBounded<ISqliteWrite>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly SqliteDatabase _database;
    private readonly SqliteEviction _eviction;
    private readonly int _batchSize;
    private readonly ILogger<SqliteWriter> _logger;
    private readonly FailureLog _failureLog;
    private Task? _loop;
    private long _dropped;
    private long _failed;
    private long _lastFailureTicks = long.MinValue;
    private long _discarded;
    private long _lastFileCheck;

    // The writer thread's connection: replaced when the file is made afresh, null while the database is off.
    private SqliteConnection? _connection;

    public SqliteWriter(SqliteDatabase database, SqliteEviction eviction, IOptions<SqliteOptions> options, ILogger<SqliteWriter> logger)
    {
        _database = database;
        _eviction = eviction;
        _batchSize = options.Value.WriteBatchSize;
        _logger = logger;
        _failureLog = new FailureLog(logger);
    }

    public long Pending => _channel.Reader.Count;

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Writes dropped because the database is off (no usable file).</summary>
    public long Discarded => Interlocked.Read(ref _discarded);

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
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var barrier = new FlushBarrier();
        await _channel.Writer.WriteAsync(barrier, cancellationToken).ConfigureAwait(false);
        await barrier.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Start() =>
        _loop ??= Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Commits what is queued and ends the loop; writes queued after this are refused.</summary>
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
    /// With the database off it still runs: every write is dropped and counted (<see cref="Discarded"/>), and
    /// flushes complete.
    /// </summary>
    private void Run()
    {
        var batch = new List<ISqliteWrite>(_batchSize);
        _connection = _database.IsAvailable ? TryOpenWriterConnection() : null;
        try
        {
            long lastCommit = 0;
            long lastRefresh = Stopwatch.GetTimestamp();
            while (WaitForWrites())
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

                if (Stopwatch.GetElapsedTime(_lastFileCheck) >= FileCheckInterval)
                {
                    CheckFile();
                }

                if (_connection is not { } connection)
                {
                    Discard(batch);
                    batch.Clear();
                    continue;
                }

                try
                {
                    Commit(connection, batch);
                    lastCommit = Stopwatch.GetTimestamp();
                    _eviction.EvictIfNeeded(connection, work => InTransaction(connection, work));
                    if (Stopwatch.GetElapsedTime(lastRefresh) > TotalsRefresh)
                    {
                        // The totals follow every commit; this bounds any drift (a file changed behind our back).
                        _database.RefreshTotals(connection);
                        lastRefresh = Stopwatch.GetTimestamp();
                    }
                }
                catch (Exception e)
                {
                    // Whatever the disk does, the writer loop must survive: a dead loop would silently stop all stores.
                    RecordFailures(1);
                    _failureLog.Failed(batch.Count, e);
                }

                batch.Clear();
            }
        }
        finally
        {
            _connection?.Dispose();
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
            InTransaction(connection, transaction => ExecuteAll(connection, transaction, batch));
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
        {
            error = e;
            _failureLog.Failed(batch.Count, e);
        }

        if (error is null)
        {
            foreach (var write in batch)
            {
                write.Completed(null);
            }

            return;
        }

        if (error is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
        {
            // Another process holds the write lock: retrying write by write would wait the timeout once per
            // write. The batch is lost for SQLite only (the memory tier already has its entries).
            RecordFailures(batch.Count(write => write is not FlushBarrier));
            foreach (var write in batch)
            {
                write.Completed(error);
            }

            return;
        }

        // Retry one by one so a single bad write does not take the batch with it.
        foreach (var write in batch)
        {
            try
            {
                InTransaction(connection, transaction => write.Execute(connection, transaction));
                write.Completed(null);
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
            {
                RecordFailures(1);
                write.Completed(e);
            }
        }
    }

    private void RecordFailures(int count)
    {
        Interlocked.Add(ref _failed, count);
        Interlocked.Exchange(ref _lastFailureTicks, Environment.TickCount64);
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
