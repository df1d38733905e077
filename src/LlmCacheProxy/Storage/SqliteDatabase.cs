using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Storage;

/// <summary>
/// The application's SQLite file: created with its folder by <see cref="Open"/> (the lifecycle calls it at start;
/// the constructor does no I/O), WAL mode, the schema migrated to <see cref="StorageSchema.CurrentVersion"/>.
/// Readers open pooled connections; all writes go through <see cref="SqliteWriter"/>. It also keeps the entry count and
/// byte total the SQLite tier reports (adjusted after each commit, re-read by the writer every minute).
/// The file is an accelerator, so a bad one never stops start-up: one that is not a database (garbage, corrupt,
/// cut short) is moved aside as <c>&lt;name&gt;.corrupt-&lt;utc&gt;</c> and a fresh one made; where no file can be
/// made (a directory at the path, a read-only or full disk) the database is off (<see cref="IsAvailable"/>): stores
/// read nothing and the writer drops and counts what it is given. Either way one error names the path and the cause.
/// </summary>
internal sealed class SqliteDatabase(IOptions<SqliteOptions> options, ILogger<SqliteDatabase> logger)
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private static int s_initialized;
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> s_configured = new();
    private static readonly object s_configuredMark = new();
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = System.IO.Path.GetFullPath(options.Value.Path),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
    }.ToString();

    private long _totalBytes;
    private long _entryCount;
    private volatile bool _available;
    private int _generation;

    public string Path { get; } = System.IO.Path.GetFullPath(options.Value.Path);

    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    public long EntryCount => Interlocked.Read(ref _entryCount);

    /// <summary>False when no file could be opened or made (nothing is read or written), or before <see cref="Open"/>.</summary>
    public bool IsAvailable => _available;

    /// <summary>Why the database is off, for readiness; null while it is available.</summary>
    public string? UnavailableReason { get; private set; }

    /// <summary>Changes each time the file is made afresh: connections kept open from before read a file that is gone.</summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Raised after the file was made afresh while running (a new, empty file: what was written before is gone).</summary>
    public event Action? Recreated;

    /// <summary>
    /// Creates the file and folder when missing, turns WAL on, migrates the schema and reads the totals. Never throws for
    /// the file: a broken one is moved aside and replaced; without a usable file the database is off.
    /// </summary>
    public void Open()
    {
        if (Interlocked.Exchange(ref s_initialized, 1) == 0)
        {
            SQLitePCL.Batteries_V2.Init();
        }

        if (TryOpenFile(out var error))
        {
            return;
        }

        if (IsBrokenFile(error) && File.Exists(Path))
        {
            string aside;
            try
            {
                aside = MoveAside();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                TurnOff(error);
                return;
            }

            if (TryOpenFile(out var again))
            {
                StorageLog.MovedAside(logger, Path, aside, Cause(error));
                return;
            }

            error = again;
        }

        TurnOff(error);
    }

    /// <summary>
    /// The file vanished while running (deleted, its folder removed): make it afresh. Called by the writer, on its
    /// thread, after closing its own connection. False (and the database off) when no file can be made.
    /// </summary>
    public bool Recreate()
    {
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        Interlocked.Increment(ref _generation);
        SetTotals(0, 0);
        if (!TryOpenFile(out var error))
        {
            TurnOff(error);
            return false;
        }

        Recreated?.Invoke();
        return true;
    }

    /// <summary>Opens a pooled connection with the settings every connection needs.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // The settings live on the native handle, which the pool hands out again: set them on its first open only.
        if (connection.Handle is { } handle && !s_configured.TryGetValue(handle, out _))
        {
            Execute(connection, "PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;");
            s_configured.AddOrUpdate(handle, s_configuredMark);
        }

        return connection;
    }

    internal void AdjustTotals(long bytes, long entries)
    {
        Interlocked.Add(ref _totalBytes, bytes);
        Interlocked.Add(ref _entryCount, entries);
    }

    internal void SetTotals(long bytes, long entries)
    {
        Interlocked.Exchange(ref _totalBytes, bytes);
        Interlocked.Exchange(ref _entryCount, entries);
    }

    /// <summary>Re-reads the truth from the table (after deletes in bulk, and periodically by the writer).</summary>
    internal void RefreshTotals(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = "SELECT count(*), coalesce(sum(size), 0) FROM entries";
        using var reader = count.ExecuteReader();
        reader.Read();
        SetTotals(reader.GetInt64(1), reader.GetInt64(0));
    }

    private bool TryOpenFile(out Exception error)
    {
        error = null!;
        try
        {
            string? folder = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            using (var connection = OpenConnection())
            {
                Execute(connection, "PRAGMA journal_mode=WAL;");
                Migrate(connection);
                RefreshTotals(connection);
            }

            UnavailableReason = null;
            _available = true;
            StorageLog.Opened(logger, Path, EntryCount, TotalBytes);
            return true;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
            error = e;
            return false;
        }
    }

    /// <summary>The file is there but is not a database SQLite can read: garbage, a cut-short or corrupt file.</summary>
    private static bool IsBrokenFile(Exception error) =>
        error is SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase };

    /// <summary>Renames the file (and its WAL and shared-memory files) to <c>&lt;name&gt;.corrupt-&lt;utc&gt;</c>; nothing is deleted.</summary>
    private string MoveAside()
    {
        string aside = $"{Path}.corrupt-{DateTime.UtcNow:yyyyMMddTHHmmssfffZ}";
        foreach (string suffix in (string[])["-wal", "-shm", ""])
        {
            if (File.Exists(Path + suffix))
            {
                File.Move(Path + suffix, aside + suffix);
            }
        }

        return aside;
    }

    private void TurnOff(Exception error)
    {
        _available = false;
        UnavailableReason = Directory.Exists(Path) ? "a directory is at that path" : Cause(error);
        StorageLog.Unavailable(logger, Path, UnavailableReason);
    }

    private static string Cause(Exception error) =>
        error is SqliteException ? error.Message : $"{error.GetType().Name}: {error.Message}";

    private void Migrate(SqliteConnection connection)
    {
        using var read = connection.CreateCommand();
        read.CommandText = "PRAGMA user_version";
        int version = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version >= StorageSchema.CurrentVersion)
        {
            return;
        }

        for (int next = version; next < StorageSchema.CurrentVersion; next++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = StorageSchema.Migrations[next] + $"\nPRAGMA user_version = {next + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }

        StorageLog.Migrated(logger, Path, version, StorageSchema.CurrentVersion);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
