using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Storage;

/// <summary>
/// The application's SQLite file: created with its folder by <see cref="Open"/> (the lifecycle calls it at start;
/// the constructor does no I/O), WAL mode, the schema migrated to <see cref="StorageSchema.CurrentVersion"/>.
/// Readers open pooled connections; all writes go through <see cref="SqliteWriter"/>. It also keeps the entry count and
/// byte total the SQLite tier reports and eviction reads (adjusted after each commit, re-read by eviction).
/// </summary>
internal sealed class SqliteDatabase(IOptions<SqliteOptions> options, ILogger<SqliteDatabase> logger)
{
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

    public string Path { get; } = System.IO.Path.GetFullPath(options.Value.Path);

    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    public long EntryCount => Interlocked.Read(ref _entryCount);

    /// <summary>Creates the file and folder when missing, turns WAL on, migrates the schema and reads the totals.</summary>
    public void Open()
    {
        if (Interlocked.Exchange(ref s_initialized, 1) == 0)
        {
            SQLitePCL.Batteries_V2.Init();
        }

        string? folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var connection = OpenConnection();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Migrate(connection);
        RefreshTotals(connection);
        StorageLog.Opened(logger, Path, EntryCount, TotalBytes);
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

    /// <summary>Re-reads the truth from the table (after deletes in bulk, and periodically by eviction).</summary>
    internal void RefreshTotals(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = "SELECT count(*), coalesce(sum(size), 0) FROM entries";
        using var reader = count.ExecuteReader();
        reader.Read();
        SetTotals(reader.GetInt64(1), reader.GetInt64(0));
    }

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
