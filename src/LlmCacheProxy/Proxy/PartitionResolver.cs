using System.Security.Cryptography;
using System.Text;
using LlmCacheProxy.Caching;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// Who may read what (DESIGN.md section 6). Passthrough mode: the partition is an HMAC-SHA256 of the
/// caller's bearer token under a per-installation secret, so callers with different keys never share
/// entries and a caller without a key gets no cache at all. Proxy-held mode: one shared partition.
/// The raw token is never kept; only the HMAC goes into the key.
/// </summary>
internal sealed class PartitionResolver
{
    public const string SharedPartition = "shared";
    private readonly byte[] _secret;
    private readonly bool _proxyHeld;

    public PartitionResolver(IOptions<ProxyOptions> proxy, IOptions<CacheOptions> cache)
    {
        _proxyHeld = proxy.Value.ProxyHeld;
        _secret = LoadSecret(cache.Value);
    }

    /// <summary>The partition for a caller, or null when the caller must not use the cache.</summary>
    public string? Resolve(string? authorization)
    {
        if (_proxyHeld)
        {
            return SharedPartition;
        }

        if (string.IsNullOrWhiteSpace(authorization))
        {
            return null;
        }

        Span<byte> mac = stackalloc byte[32];
        int length = Encoding.UTF8.GetByteCount(authorization.Trim());
        byte[] token = new byte[length];
        Encoding.UTF8.GetBytes(authorization.Trim(), token);
        HMACSHA256.HashData(_secret, token, mac);
        CryptographicOperations.ZeroMemory(token);
        return "caller:" + Convert.ToHexStringLower(mac[..16]);
    }

    private static byte[] LoadSecret(CacheOptions options)
    {
        if (!string.IsNullOrEmpty(options.PartitionSecret))
        {
            return Encoding.UTF8.GetBytes(options.PartitionSecret);
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(options.Sqlite.Path)) ?? ".";
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "partition.secret");
        if (File.Exists(file))
        {
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }

        byte[] secret = RandomNumberGenerator.GetBytes(32);
        string temp = file + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temp, Convert.ToBase64String(secret));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            File.Move(temp, file, overwrite: false);
            return secret;
        }
        catch (IOException)
        {
            // Another instance on the same folder won the race: use its secret.
            File.Delete(temp);
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
    }
}
