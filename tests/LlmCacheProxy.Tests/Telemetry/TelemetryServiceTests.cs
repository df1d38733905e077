using System.Diagnostics.Metrics;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Telemetry;
using LlmCacheProxy.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LlmCacheProxy.Tests.Telemetry;

public sealed class TelemetryServiceTests
{
    [Fact]
    public async Task TierCall_MeterListening_RecordsDurationWithTierAndOp()
    {
        using var meters = new TestMeterFactory();
        var telemetry = new CacheTelemetry(meters);
        var caches = new TestCaches(new FakeTimeProvider(), new TestTier(CacheTierNames.Sqlite));
        var service = new TelemetryService(new CacheGauges(telemetry, caches.Cache), caches.Cache, telemetry,
            Options.Create(new TelemetryOptions()), NullLogger<TelemetryService>.Instance);
        var recorded = new List<(double Seconds, string? Tier, string? Op)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument, telemetry.TierDuration))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => recorded.Add((value, Tag(tags, "tier"), Tag(tags, "op"))));
        listener.Start();
        await service.StartAsync(CancellationToken.None);

        await caches.Cache.GetAsync("absent", null, CancellationToken.None);

        var only = Assert.Single(recorded);
        Assert.Equal(("sqlite", "get"), (only.Tier, only.Op));
        Assert.True(only.Seconds >= 0);
    }

    [Fact]
    public async Task TierFailure_CountedOncePerFailedCall()
    {
        using var meters = new TestMeterFactory();
        var telemetry = new CacheTelemetry(meters);
        var caches = new TestCaches(new FakeTimeProvider(), new TestTier(CacheTierNames.Memory) { Broken = true });
        var service = new TelemetryService(new CacheGauges(telemetry, caches.Cache), caches.Cache, telemetry,
            Options.Create(new TelemetryOptions()), NullLogger<TelemetryService>.Instance);
        long errors = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument, telemetry.TierErrors))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => errors += value);
        listener.Start();
        await service.StartAsync(CancellationToken.None);

        await caches.Cache.GetAsync("k", null, CancellationToken.None);

        Assert.Equal(1, errors);
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }
}
