using LlmCacheProxy.Proxy;
using LlmCacheProxy.Storage;

namespace LlmCacheProxy.Analytics;

/// <summary>
/// Which <c>usage_hourly</c> row an answer adds to, so that callers cannot create rows without bound: per hour at most
/// <c>Analytics:MaxModelsPerHour</c> model names and <c>Analytics:MaxNamespacesPerHour</c> namespaces, later new ones
/// counted as <c>(other)</c>; over-long names as <c>(invalid)</c> and answers refused for the caller's key (401/403)
/// as <c>(unauthorized)</c> (<see cref="ModelLabels"/>). Not thread-safe: the recorder calls it under its lock. The
/// current hour is seeded from the table at start, so a restart does not reopen the caps.
/// </summary>
internal sealed class UsageBuckets(int maxModelNameLength, int maxModelsPerHour, int maxNamespacesPerHour)
{
    /// <summary>Hours whose names are remembered; older hours are forgotten (only tests record into them).</summary>
    private const int KeptHours = 48;

    private readonly SortedDictionary<long, (HashSet<string> Models, HashSet<string> Namespaces)> _hours = [];

    /// <param name="endpoint">A module name: four values at most, so not capped.</param>
    public UsageKey KeyFor(long hour, string model, string ns, string endpoint, int status)
    {
        var (models, namespaces) = Hour(hour);
        string label = ModelLabels.Classify(model, status, maxModelNameLength);
        if (!ModelLabels.IsBucket(label))
        {
            label = Admit(models, label, maxModelsPerHour);
        }

        return new UsageKey(hour, label, Admit(namespaces, ns, maxNamespacesPerHour), endpoint);
    }

    /// <summary>The (model, namespace) pairs the table already holds for an hour.</summary>
    public void Seed(long hour, IEnumerable<(string Model, string Namespace)> rows)
    {
        var (models, namespaces) = Hour(hour);
        foreach (var (model, ns) in rows)
        {
            if (!ModelLabels.IsBucket(model))
            {
                models.Add(model);
            }

            if (ns != ModelLabels.Other)
            {
                namespaces.Add(ns);
            }
        }
    }

    private static string Admit(HashSet<string> seen, string name, int cap) =>
        seen.Contains(name) || (seen.Count < cap && seen.Add(name)) ? name : ModelLabels.Other;

    private (HashSet<string> Models, HashSet<string> Namespaces) Hour(long hour)
    {
        if (!_hours.TryGetValue(hour, out var sets))
        {
            sets = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
            _hours[hour] = sets;
            if (_hours.Count > KeptHours)
            {
                _hours.Remove(_hours.Keys.First());
            }
        }

        return sets;
    }
}
