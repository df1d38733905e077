using System.Collections.Concurrent;

namespace LlmCacheProxy.Proxy;

/// <summary>
/// The first <c>capacity</c> distinct labels seen are themselves; later new ones are the overflow label. Lock-free on
/// the request path (a known label is one lookup); concurrent first sightings may overshoot the capacity by the
/// number of threads racing, never more.
/// </summary>
internal sealed class BoundedLabelSet(int capacity)
{
    private readonly ConcurrentDictionary<string, byte> _admitted = new(StringComparer.Ordinal);

    public int Count => _admitted.Count;

    public string Admit(string label, string overflow)
    {
        if (_admitted.ContainsKey(label))
        {
            return label;
        }

        if (_admitted.Count >= capacity)
        {
            return overflow;
        }

        _admitted.TryAdd(label, 0);
        return label;
    }
}
