using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// Proxy-held mode's client keys, as SHA-256 digests compared with <see cref="CryptographicOperations.FixedTimeEquals"/>
/// against every configured key without stopping early, so neither a key's length nor its position leaks. Passthrough
/// mode: disabled, and every caller may use every control (its partition is its own).
/// </summary>
internal sealed class ClientKeys
{
    private readonly (byte[] Digest, ClientKey Key)[] _keys;

    public ClientKeys(IOptions<ProxyOptions> options)
    {
        Enabled = options.Value.ProxyHeld;
        _keys = options.Value.ClientKeys.Select(k => (Digest(k.Key.Trim()), k)).ToArray();
    }

    public bool Enabled { get; }

    /// <summary>The configured key an <c>Authorization: Bearer</c> header presents, or null.</summary>
    public ClientKey? Find(string? authorization)
    {
        const string prefix = "Bearer ";
        if (authorization is null || !authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        byte[] presented = Digest(authorization[prefix.Length..].Trim());
        ClientKey? found = null;
        foreach (var (digest, key) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, digest))
            {
                found = key;
            }
        }

        return found;
    }

    /// <summary>What a caller may write: everything in passthrough mode, its key's grants in proxy-held mode.</summary>
    public CacheWriteGrants GrantsFor(ClientKey? key) => !Enabled ? CacheWriteGrants.All : key?.Grants ?? CacheWriteGrants.None;

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
