using System.Collections.Concurrent;

namespace LlmCacheProxy.Caching;

/// <summary>
/// One upstream call per key at a time. The first caller for a key leads; later callers join its flight and
/// await its outcome. The leader must call <see cref="Complete"/> at least once (in a finally); later calls change
/// nothing, so it may settle the flight early (as soon as the outcome is known) and again when it is done. With a fleet
/// (<see cref="IFleetFlight"/>), the local leader then takes its turn there (<see cref="LeadAsync"/>), so a cold key
/// costs one upstream call for all the instances.
/// </summary>
internal sealed class SingleFlight(IFleetFlight? fleet = null)
{
    private readonly ConcurrentDictionary<string, Flight> _flights = new(StringComparer.Ordinal);

    public int InFlight => _flights.Count;

    /// <summary>Joins the key's flight, or starts one; <paramref name="isLeader"/> tells which.</summary>
    public Flight Join(string key, out bool isLeader)
    {
        var mine = new Flight(key);
        var flight = _flights.GetOrAdd(key, mine);
        isLeader = ReferenceEquals(flight, mine);
        return flight;
    }

    /// <summary>
    /// The local leader's turn in the fleet: <see cref="FleetTurn.Alone"/> without a fleet or without
    /// <paramref name="lookup"/> (a request that must not take a stored answer, such as a no-cache refresh).
    /// </summary>
    public ValueTask<FleetTurn> LeadAsync(
        string key, Func<CancellationToken, ValueTask<CacheHit?>>? lookup, CancellationToken cancellationToken) =>
        fleet is null || lookup is null ? ValueTask.FromResult(FleetTurn.Alone) : fleet.TakeTurnAsync(key, lookup, cancellationToken);

    /// <summary>Ends the leader's flight: later callers start a new one, waiters get the outcome.</summary>
    public void Complete(Flight flight, FlightOutcome outcome)
    {
        _flights.TryRemove(new KeyValuePair<string, Flight>(flight.Key, flight));
        flight.SetOutcome(outcome);
    }

    internal sealed class Flight(string key)
    {
        private readonly TaskCompletionSource<FlightOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Key { get; } = key;

        public Task<FlightOutcome> Outcome => _outcome.Task;

        public void SetOutcome(FlightOutcome outcome) => _outcome.TrySetResult(outcome);
    }
}
