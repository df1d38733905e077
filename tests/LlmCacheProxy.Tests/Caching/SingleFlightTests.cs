using LlmCacheProxy.Caching;

namespace LlmCacheProxy.Tests.Caching;

public sealed class SingleFlightTests
{
    [Fact]
    public void Join_SameKeyTwice_FirstLeadsSecondJoinsTheSameFlight()
    {
        var flights = new SingleFlight();

        var first = flights.Join("k", out bool firstLeads);
        var second = flights.Join("k", out bool secondLeads);

        Assert.True(firstLeads);
        Assert.False(secondLeads);
        Assert.Same(first, second);
    }

    [Fact]
    public void Join_DifferentKeys_EachHasALeader()
    {
        var flights = new SingleFlight();

        flights.Join("a", out bool aLeads);
        flights.Join("b", out bool bLeads);

        Assert.True(aLeads && bLeads);
        Assert.Equal(2, flights.InFlight);
    }

    [Fact]
    public async Task Complete_WaitersGetTheOutcomeAndTheNextCallerLeadsAfresh()
    {
        var flights = new SingleFlight();
        var flight = flights.Join("k", out _);
        var waiter = flights.Join("k", out _).Outcome;
        var outcome = new FlightOutcome(null, new CachedResponse { Status = 429 });

        flights.Complete(flight, outcome);
        var next = flights.Join("k", out bool nextLeads);

        Assert.Same(outcome, await waiter);
        Assert.True(nextLeads);
        Assert.NotSame(flight, next);
    }

    [Fact]
    public void Complete_AnOldFlight_DoesNotEndTheNewerOneOfTheSameKey()
    {
        var flights = new SingleFlight();
        var old = flights.Join("k", out _);
        flights.Complete(old, FlightOutcome.Retry);
        var current = flights.Join("k", out _);

        flights.Complete(old, FlightOutcome.Retry);

        Assert.Same(current, flights.Join("k", out bool leads));
        Assert.False(leads);
    }

    [Fact]
    public async Task LeadAsync_NoFleet_LeadsAlone()
    {
        var flights = new SingleFlight();

        await using var turn = await flights.LeadAsync("k", _ => ValueTask.FromResult<CacheHit?>(null), default);

        Assert.Same(FleetTurn.Alone, turn);
    }

    [Fact]
    public async Task LeadAsync_NoLookup_DoesNotAskTheFleet()
    {
        var fleet = new CountingFleet();
        var flights = new SingleFlight(fleet);

        await using var turn = await flights.LeadAsync("k", lookup: null, default);

        Assert.Same(FleetTurn.Alone, turn);
        Assert.Equal(0, fleet.Asked);
    }

    [Fact]
    public async Task LeadAsync_WithFleet_TakesTheFleetsTurn()
    {
        var fleet = new CountingFleet();
        var flights = new SingleFlight(fleet);

        await using var turn = await flights.LeadAsync("k", _ => ValueTask.FromResult<CacheHit?>(null), default);

        Assert.Equal(1, fleet.Asked);
    }

    private sealed class CountingFleet : IFleetFlight
    {
        public int Asked { get; private set; }

        public ValueTask<FleetTurn> TakeTurnAsync(string key, Func<CancellationToken, ValueTask<CacheHit?>> lookup, CancellationToken cancellationToken)
        {
            Asked++;
            return ValueTask.FromResult(FleetTurn.Alone);
        }
    }
}
