using System.Diagnostics.Metrics;
using LlmCacheProxy.Telemetry;

namespace LlmCacheProxy.Tests.Telemetry;

public sealed class TierInstrumentationTests
{
    [Fact]
    public void Begin_NothingListening_SharesOneScope()
    {
        using var meters = new TestMeterFactory();
        var instrumentation = new TierInstrumentation(new CacheTelemetry(meters));

        using var first = instrumentation.Begin("memory", "get");
        using var second = instrumentation.Begin("sqlite", "set");

        Assert.Same(first, second);
    }

    [Fact]
    public void Begin_MeterListening_RecordsDurationWithTierAndOp()
    {
        using var meters = new TestMeterFactory();
        var telemetry = new CacheTelemetry(meters);
        var instrumentation = new TierInstrumentation(telemetry);
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

        var scope = instrumentation.Begin("sqlite", "get");
        scope.Dispose();
        scope.Dispose();

        var only = Assert.Single(recorded);
        Assert.Equal(("sqlite", "get"), (only.Tier, only.Op));
        Assert.True(only.Seconds >= 0);
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
