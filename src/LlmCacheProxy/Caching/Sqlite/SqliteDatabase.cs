using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Caching.Sqlite;

/// <summary>
/// The SQLite file: created with its folder on first open, WAL mode, every registered schema applied.
/// Readers open pooled connections; all writes go through <see cref="SqliteWriter"/>.
/// </summary>
internal sealed class SqliteDatabase
{
    private static int s_initialized;
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> s_configured = new();
    private static readonly object s_configuredMark = new();
    private readonly string _connectionString;
    private long _totalBytes;
    private long _entryCount;

    public SqliteDatabase(IOptions<CacheOptions> options, IEnumerable<ISqliteSchema> schemas, ILogger<SqliteDatabase> logger)
    {
        if (Interlocked.Exchange(ref s_initialized, 1) == 0)
        {
            SQLitePCL.Batteries_V2.Init();
        }

        Path = System.IO.Path.GetFullPath(options.Value.Sqlite.Path);
        string? folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();

        using var connection = OpenConnection();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        foreach (var schema in schemas)
        {
            Execute(connection, schema.Ddl);
        }

        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*), coalesce(sum(size), 0) FROM entries";
        using (var reader = count.ExecuteReader())
        {
            reader.Read();
            _entryCount = reader.GetInt64(0);
            _totalBytes = reader.GetInt64(1);
        }

        CachingLog.SqliteOpened(logger, Path, _entryCount, _totalBytes);
    }

    public string Path { get; }

    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    public long EntryCount => Interlocked.Read(ref _entryCount);

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

    internal void ResetTotals(long bytes, long entries)
    {
        Interlocked.Exchange(ref _totalBytes, bytes);
        Interlocked.Exchange(ref _entryCount, entries);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
