using System.Text.RegularExpressions;

namespace LlmCacheProxy.Caching.Codec;

/// <summary>
/// The AES-256 keys by id: the active one encrypts new entries, every one decrypts (so keys rotate without a flush).
/// Built once from <see cref="EncryptionOptions"/>; <see cref="Load"/> reports every problem, one line each, naming ids only.
/// </summary>
internal sealed partial class EncryptionKeyRing
{
    public const int KeyBytes = 32;
    private readonly Dictionary<string, byte[]> _keys;

    private EncryptionKeyRing(Dictionary<string, byte[]> keys, string? activeKeyId)
    {
        _keys = keys;
        ActiveKeyId = activeKeyId;
    }

    public static EncryptionKeyRing None { get; } = new(new Dictionary<string, byte[]>(StringComparer.Ordinal), null);

    /// <summary>Null when encryption is off.</summary>
    public string? ActiveKeyId { get; }

    public bool Enabled => ActiveKeyId is not null;

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    public bool TryGet(string id, out byte[] key) => _keys.TryGetValue(id, out key!);

    public byte[] ActiveKey => ActiveKeyId is { } id ? _keys[id] : throw new InvalidOperationException("Encryption is off.");

    public static EncryptionKeyRing Load(EncryptionOptions options, List<string> errors)
    {
        var sources = options.Keys.Select(p => (p.Key, p.Value, Setting: "Cache:Encryption:Keys:" + p.Key)).ToList();
        if (!string.IsNullOrWhiteSpace(options.KeyFile))
        {
            sources.AddRange(EncryptionKeyFile.Read(options.KeyFile, errors)
                .Select(k => (k.Id, k.Value, Setting: $"Cache:Encryption:KeyFile '{options.KeyFile}' key {k.Id}")));
        }

        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, value, setting) in sources)
        {
            if (!IdPattern().IsMatch(id))
            {
                errors.Add($"{setting}: a key id must be 1 to 64 characters from [A-Za-z0-9._-].");
                continue;
            }

            if (Decode(value, setting, errors) is not { } key)
            {
                continue;
            }

            if (keys.TryGetValue(id, out var known) && !known.AsSpan().SequenceEqual(key))
            {
                errors.Add($"{setting}: key id {id} is given twice with different keys.");
                continue;
            }

            keys[id] = key;
        }

        string active = options.ActiveKeyId.Trim();
        if (active.Length == 0)
        {
            if (sources.Count > 0)
            {
                errors.Add("Cache:Encryption:ActiveKeyId is required when encryption keys are configured (it names the key new entries are written with).");
            }

            return None;
        }

        if (!keys.ContainsKey(active))
        {
            string known = keys.Count == 0 ? "none" : string.Join(", ", keys.Keys.Order(StringComparer.Ordinal));
            errors.Add($"Cache:Encryption:ActiveKeyId '{active}' names no configured key (valid keys: {known}).");
            return None;
        }

        return new EncryptionKeyRing(keys, active);
    }

    private static byte[]? Decode(string value, string setting, List<string> errors)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(value.Trim());
        }
        catch (FormatException)
        {
            errors.Add($"{setting} is not valid base64.");
            return null;
        }

        if (key.Length != KeyBytes)
        {
            errors.Add($"{setting} must decode to {KeyBytes} bytes (AES-256), not {key.Length}.");
            return null;
        }

        return key;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
