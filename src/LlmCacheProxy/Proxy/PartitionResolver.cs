using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using LlmCacheProxy.Caching;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// Who may read what. Passthrough mode: the partition is an HMAC-SHA256 of the
/// caller's bearer token under a per-installation secret, so callers with different keys never share
/// entries and a caller without a key gets no cache at all. Proxy-held mode: one shared partition.
/// The raw token is never kept; only the HMAC goes into the key. The secret is read (or made) by <see cref="Load"/>,
/// which the lifecycle calls at start: the constructor does no I/O.
/// </summary>
internal sealed class PartitionResolver
{
    public const string SharedPartition = "shared";
    private const int StackTokenBytes = 512;
    private readonly bool _proxyHeld;
    // One HMAC state per thread, reset after each use: a one-shot HMACSHA256.HashData sets OpenSSL's MAC up
    // afresh on every request (~6 % of a memory hit's CPU).
    private readonly CacheOptions _options;
    private ThreadLocal<IncrementalHash>? _hmac;

    private readonly ILogger<PartitionResolver> _logger;

    public PartitionResolver(IOptions<ProxyOptions> proxy, IOptions<CacheOptions> cache, ILogger<PartitionResolver> logger)
    {
        _proxyHeld = proxy.Value.ProxyHeld;
        _options = cache.Value;
        _logger = logger;
    }

    /// <summary>Reads the partition secret (from settings, or the file beside the database, made on first start).</summary>
    public void Load()
    {
        if (_hmac is not null)
        {
            return;
        }

        byte[] secret;
        try
        {
            secret = LoadSecret(_options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder cannot be written (read-only, full): the cache is an accelerator, so start anyway with a
            // secret for this run; the SQLite tier is off there too, so no stored partition is lost that was not already.
            ProxyLog.PartitionSecretNotKept(_logger, e.GetType().Name, e.Message);
            secret = RandomNumberGenerator.GetBytes(32);
        }
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret));
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

        string trimmed = authorization.Trim();
        if (IsSchemeOnly(trimmed))
        {
            // "Bearer" with nothing after it is no key: hashed, every such caller would share one partition.
            return null;
        }

        int maxLength = Encoding.UTF8.GetMaxByteCount(trimmed.Length);
        byte[]? rented = maxLength > StackTokenBytes ? ArrayPool<byte>.Shared.Rent(maxLength) : null;
        Span<byte> token = rented ?? stackalloc byte[StackTokenBytes];
        token = token[..Encoding.UTF8.GetBytes(trimmed, token)];
        Span<byte> mac = stackalloc byte[32];
        var hmac = (_hmac ?? throw new InvalidOperationException("PartitionResolver.Load was not called at start.")).Value!;
        hmac.AppendData(token);
        hmac.GetHashAndReset(mac);
        CryptographicOperations.ZeroMemory(token);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return "caller:" + Convert.ToHexStringLower(mac[..16]);
    }

    private static bool IsSchemeOnly(string trimmed) =>
        trimmed.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("Basic", StringComparison.OrdinalIgnoreCase);

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
        try
        {
            File.WriteAllText(temp, Convert.ToBase64String(secret));
        }
        catch (IOException)
        {
            File.Delete(temp);
            throw;
        }

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
