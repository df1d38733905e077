using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.Storage;

/// <summary>
/// Point reads of an entry's body on connections kept open with the statement prepared: the lookup on every
/// memory miss skips the connection pool's open/close and SQL parsing. Idle readers are kept up to a bound;
/// a reader whose read throws is dropped (its connection may be broken).
/// </summary>
internal sealed class SqliteEntryReaders(SqliteDatabase database) : IDisposable
{
    private const int MaxIdle = 32;
    private readonly Stack<Reader> _idle = new();
    private bool _disposed;

    public byte[]? ReadBody(string key)
    {
        Reader? reader;
        lock (_idle)
        {
            _idle.TryPop(out reader);
        }

        if (reader is not null && reader.Generation != database.Generation)
        {
            // Kept open on a file that has since been made afresh: it would read the old, deleted file.
            reader.Dispose();
            reader = null;
        }

        reader ??= new Reader(database.OpenConnection(), database.Generation);
        byte[]? body;
        try
        {
            body = reader.ReadBody(key);
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        lock (_idle)
        {
            if (!_disposed && _idle.Count < MaxIdle)
            {
                _idle.Push(reader);
                return body;
            }
        }

        reader.Dispose();
        return body;
    }

    public void Dispose()
    {
        lock (_idle)
        {
            _disposed = true;
            while (_idle.TryPop(out var reader))
            {
                reader.Dispose();
            }
        }
    }

    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _key;

        public int Generation { get; }

        public Reader(SqliteConnection connection, int generation)
        {
            _connection = connection;
            Generation = generation;
            _command = connection.CreateCommand();
            _command.CommandText = "SELECT body FROM entries WHERE key = $key";
            _key = _command.Parameters.Add("$key", SqliteType.Text);
            _key.Value = "";
            _command.Prepare();
        }

        public byte[]? ReadBody(string key)
        {
            _key.Value = key;
            return _command.ExecuteScalar() as byte[];
        }

        public void Dispose()
        {
            _command.Dispose();
            _connection.Dispose();
        }
    }
}
