namespace LlmCacheProxy.Keys;

/// <summary>
/// What around the body enters every key: the route (path and normalized query), the caller's partition and
/// the values of the vary headers the request carried.
/// </summary>
/// <param name="Route">The path, then <c>?</c> and the normalized query when there is one.</param>
/// <param name="Partition">Empty, or the caller's partition (a hash of its identity, never a raw key).</param>
/// <param name="Vary">Lowercase header name to trimmed value, one per name, sorted ordinally by name.</param>
internal sealed record KeyScope(string Route, string Partition, IReadOnlyList<KeyValuePair<string, string>> Vary)
{
    /// <summary>
    /// Normalizes the query (<see cref="RouteQuery.Normalize"/>) and the vary headers: names lowercased
    /// (invariant), values trimmed, several values of one name joined by <c>,</c> in the order given, sorted by
    /// name. Pass only the configured headers the request has: an absent header is not in the key, an empty one is
    /// keyed as <c>""</c>.
    /// </summary>
    public static KeyScope Create(
        string path, string? queryString, string partition, IReadOnlyList<KeyValuePair<string, string>> vary)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(vary);
        var query = RouteQuery.Normalize(queryString);
        var route = query.Length == 0 ? path : $"{path}?{query}";
        return new KeyScope(route, partition, NormalizeVary(vary));
    }

    private static KeyValuePair<string, string>[] NormalizeVary(IReadOnlyList<KeyValuePair<string, string>> vary)
    {
        if (vary.Count == 0)
        {
            return [];
        }

        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (name, value) in vary)
        {
            var lower = name.Trim().ToLowerInvariant();
            var trimmed = (value ?? "").Trim();
            if (byName.TryGetValue(lower, out var previous))
            {
                byName[lower] = $"{previous},{trimmed}";
            }
            else
            {
                byName[lower] = trimmed;
                order.Add(lower);
            }
        }

        order.Sort(StringComparer.Ordinal);
        return order.Select(name => KeyValuePair.Create(name, byName[name])).ToArray();
    }
}
