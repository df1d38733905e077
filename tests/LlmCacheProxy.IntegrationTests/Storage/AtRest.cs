using System.Text;
using Microsoft.Data.Sqlite;

namespace LlmCacheProxy.IntegrationTests.Storage;

/// <summary>Settings for compression and encryption tests, and raw reads of what the SQLite file holds.</summary>
internal static class AtRest
{
    public static readonly string Key1 = Convert.ToBase64String(Enumerable.Range(11, 32).Select(i => (byte)i).ToArray());
    public static readonly string Key2 = Convert.ToBase64String(Enumerable.Range(77, 32).Select(i => (byte)i).ToArray());

    /// <summary><c>Cache:Compression</c> and, with <paramref name="active"/>, encryption under the given keys.</summary>
    public static Dictionary<string, string?> Settings(string compression, string? active = null, params (string Id, string Base64)[] keys)
    {
        // No warm-up: these tests read entries back after a restart and name the tier they come from.
        var settings = new Dictionary<string, string?> { ["Cache:Compression"] = compression, ["Cache:Warmup:Enabled"] = "false" };
        if (active is not null)
        {
            settings["Cache:Encryption:ActiveKeyId"] = active;
        }

        foreach (var (id, value) in keys)
        {
            settings["Cache:Encryption:Keys:" + id] = value;
        }

        return settings;
    }

    public static Dictionary<string, string?> With(this Dictionary<string, string?> settings, IDictionary<string, string?> more)
    {
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The stored body of one key, read with a connection of our own.</summary>
    public static byte[]? Body(string sqlitePath, string key)
    {
        using var connection = new SqliteConnection($"Data Source={sqlitePath};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM entries WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as byte[];
    }

    /// <summary>Whether the UTF-8 bytes of <paramref name="text"/> occur in the file (absent file: false).</summary>
    public static bool FileContains(string path, string text)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
    }
}
