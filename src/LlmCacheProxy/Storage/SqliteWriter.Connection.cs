using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Storage;

/// <summary>
/// The writer's connection: opened on its thread, watched for a file deleted under it, absent while the database is
/// off; and the one transaction helper every write (eviction included) runs through, which leaves it clean.
/// </summary>
internal sealed partial class SqliteWriter
{
    /// <summary>Blocks until writes are queued (false once the writer is stopped); checks the file while idle.</summary>
    private bool WaitForWrites()
    {
        var waiting = _channel.Reader.WaitToReadAsync().AsTask();
        while (!waiting.Wait(FileCheckInterval))
        {
            CheckFile();
        }

        return waiting.Result;
    }

    /// <summary>
    /// A file deleted under a running process is still open (its inode), so writes would go on into nothing: notice it,
    /// say so once, and make the file afresh (the database is off when that fails).
    /// </summary>
    private void CheckFile()
    {
        _lastFileCheck = Stopwatch.GetTimestamp();
        if (_connection is null || File.Exists(_database.Path))
        {
            return;
        }

        StorageLog.FileVanished(_logger, _database.Path);
        _connection.Dispose();
        _connection = _database.Recreate() ? TryOpenWriterConnection() : null;
    }

    /// <summary>The writer's connection, or null (logged, writes then dropped) when even that fails.</summary>
    private SqliteConnection? TryOpenWriterConnection()
    {
        try
        {
            return OpenWriterConnection();
        }
        catch (Exception e) when (e is SqliteException or IOException or InvalidOperationException)
        {
            RecordFailures(1);
            _failureLog.Failed(0, e);
            return null;
        }
    }

    private SqliteConnection OpenWriterConnection()
    {
        var connection = _database.OpenConnection();
        connection.DefaultTimeout = CommandTimeoutSeconds;
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout=" + LockWaitMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>The database is off: each write is told it failed, and counted.</summary>
    private void Discard(List<ISqliteWrite> batch)
    {
        foreach (var write in batch)
        {
            if (write is not FlushBarrier)
            {
                Interlocked.Increment(ref _discarded);
            }

            write.Completed(Off);
        }
    }

    private static void ExecuteAll(SqliteConnection connection, SqliteTransaction transaction, List<ISqliteWrite> writes)
    {
        foreach (var write in writes)
        {
            write.Execute(connection, transaction);
        }
    }

    /// <summary>Runs work in one transaction and commits; on failure the connection is left with no transaction open.</summary>
    private static void InTransaction(SqliteConnection connection, Action<SqliteTransaction> work)
    {
        var transaction = connection.BeginTransaction();
        try
        {
            work(transaction);
            transaction.Commit();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
        {
            Abandon(connection, transaction);
            throw;
        }

        transaction.Dispose();
    }

    /// <summary>
    /// After an I/O error (read-only or full disk) SQLite has often rolled the transaction back itself, and the
    /// wrapper then sends no ROLLBACK of its own. Whatever either did, the connection must leave here with no
    /// transaction open at the SQLite level: one left open makes every later BEGIN fail ("nested transactions")
    /// until restart.
    /// </summary>
    private static void Abandon(SqliteConnection connection, SqliteTransaction transaction)
    {
        try
        {
            transaction.Rollback();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // Nothing more to undo through the wrapper; the original error is what gets counted.
        }

        transaction.Dispose();
        if (connection.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
        {
            SQLitePCL.raw.sqlite3_exec(handle, "ROLLBACK");
        }
    }
}
