using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// A request's cache controls: <c>Cache-Control</c> <c>no-cache</c>, <c>no-store</c>,
/// <c>max-age=N</c>, <c>only-if-cached</c>; <c>X-Cache-TTL: N</c>; <c>X-Cache-Namespace: name</c>.
/// Unknown Cache-Control directives are ignored (RFC 9111); a known one with a bad value is an error,
/// never silently dropped, because a client that asked for <c>no-store</c> must not find its answer stored.
/// </summary>
internal sealed partial record CacheControl
{
    /// <summary>Longest X-Cache-TTL accepted: ten years.</summary>
    public const long MaxTtlSeconds = 10L * 365 * 24 * 3600;

    public static CacheControl None { get; } = new();

    /// <summary>Skip the lookup, store the fresh answer.</summary>
    public bool NoCache { get; init; }

    /// <summary>Do not store the answer.</summary>
    public bool NoStore { get; init; }

    /// <summary>Answer from cache or 504; never call upstream.</summary>
    public bool OnlyIfCached { get; init; }

    /// <summary>Only entries younger than this are served.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>TTL of the stored entry; zero = no expiry.</summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>Separate cache; empty = the default one.</summary>
    public string Namespace { get; init; } = "";

    /// <summary>The controls present that change what an entry holds (a proxy-held client key must be granted them).</summary>
    public CacheWriteGrants Writes =>
        (NoCache ? CacheWriteGrants.NoCache : 0) | (NoStore ? CacheWriteGrants.NoStore : 0) | (Ttl is not null ? CacheWriteGrants.Ttl : 0);

    /// <summary>
    /// The partition string given to the key builder: a namespace makes a separate key space. The default
    /// namespace leaves the partition as it is, so keys stay those of the key format's golden values.
    /// </summary>
    public string ScopePartition(string partition) => Namespace.Length == 0 ? partition : partition + "|ns:" + Namespace;

    /// <summary>The earliest creation time an entry may have to be served, or null for any.</summary>
    public DateTimeOffset? MinCreatedAt(DateTimeOffset now) => MaxAge is { } age ? now - age : null;

    public static bool IsValidNamespace(string? value) => value is not null && NamespacePattern().IsMatch(value);

    /// <summary>Parses the headers; false with a message naming the header when a value is malformed.</summary>
    public static bool TryParse(IHeaderDictionary headers, out CacheControl controls, out string error)
    {
        controls = None;
        error = "";
        // Immutable: a request without cache headers shares None, and each directive found makes a copy.
        var result = None;
        if (!TryParseCacheControl(headers.CacheControl, ref result, out error))
        {
            return false;
        }

        if (!TrySingle(headers, CacheHeaders.Ttl, out string? ttl, out error))
        {
            return false;
        }

        if (ttl is not null)
        {
            if (!long.TryParse(ttl, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) || seconds > MaxTtlSeconds)
            {
                error = $"{CacheHeaders.Ttl} must be a whole number of seconds between 0 and {MaxTtlSeconds} (0 = no expiry).";
                return false;
            }

            result = result with { Ttl = TimeSpan.FromSeconds(seconds) };
        }

        if (!TrySingle(headers, CacheHeaders.Namespace, out string? ns, out error))
        {
            return false;
        }

        if (ns is not null)
        {
            if (!IsValidNamespace(ns))
            {
                error = $"{CacheHeaders.Namespace} must be 1 to 64 characters from [a-zA-Z0-9._-].";
                return false;
            }

            result = result with { Namespace = ns };
        }

        controls = result;
        return true;
    }

    private static bool TryParseCacheControl(StringValues values, ref CacheControl result, out string error)
    {
        error = "";
        foreach (string? value in values)
        {
            foreach (string raw in (value ?? "").Split(','))
            {
                string directive = raw.Trim();
                if (directive.Length == 0)
                {
                    continue;
                }

                int eq = directive.IndexOf('=', StringComparison.Ordinal);
                string name = (eq < 0 ? directive : directive[..eq]).Trim().ToLowerInvariant();
                string? argument = eq < 0 ? null : directive[(eq + 1)..].Trim().Trim('"');
                switch (name)
                {
                    case "no-cache" or "no-store" or "only-if-cached" when argument is not null:
                        error = $"Cache-Control: {name} takes no value.";
                        return false;
                    case "no-cache":
                        result = result with { NoCache = true };
                        break;
                    case "no-store":
                        result = result with { NoStore = true };
                        break;
                    case "only-if-cached":
                        result = result with { OnlyIfCached = true };
                        break;
                    case "max-age":
                        if (argument is null ||
                            !long.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) ||
                            seconds > MaxTtlSeconds)
                        {
                            error = "Cache-Control: max-age must be a whole number of seconds (max-age=N).";
                            return false;
                        }

                        // Two max-age directives: the stricter one wins.
                        var age = TimeSpan.FromSeconds(seconds);
                        result = result with { MaxAge = result.MaxAge is { } existing && existing < age ? existing : age };
                        break;
                    default:
                        if (name.Length == 0)
                        {
                            error = "Cache-Control has a directive with no name.";
                            return false;
                        }

                        break;
                }
            }
        }

        return true;
    }

    private static bool TrySingle(IHeaderDictionary headers, string name, out string? value, out string error)
    {
        error = "";
        value = null;
        if (!headers.TryGetValue(name, out var values))
        {
            return true;
        }

        if (values.Count != 1)
        {
            error = $"{name} must be given once.";
            return false;
        }

        value = values[0]?.Trim() ?? "";
        return true;
    }

    [GeneratedRegex("^[a-zA-Z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamespacePattern();
}
