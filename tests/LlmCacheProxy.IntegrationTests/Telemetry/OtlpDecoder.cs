namespace LlmCacheProxy.IntegrationTests.Telemetry;

/// <summary>
/// Reads the parts of OTLP protobuf payloads the tests check (opentelemetry-proto, metrics/v1 and trace/v1):
/// metric name, number data points (as_double 4, as_int 6, attributes 7), histogram points (count 4, sum 5,
/// attributes 9), and span ids, parent, name and attributes.
/// </summary>
internal static class OtlpDecoder
{
    public static List<OtlpPoint> Metrics(ReadOnlyMemory<byte> payload)
    {
        var points = new List<OtlpPoint>();
        foreach (var resource in Messages(payload, 1))
        {
            foreach (var scope in Messages(resource, 2))
            {
                foreach (var metric in Messages(scope, 2))
                {
                    ReadMetric(metric, points);
                }
            }
        }

        return points;
    }

    public static List<OtlpSpan> Spans(ReadOnlyMemory<byte> payload)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resource in Messages(payload, 1))
        {
            foreach (var scopeSpans in Messages(resource, 2))
            {
                string scope = Messages(scopeSpans, 1).Select(s => Strings(s, 1).FirstOrDefault()).FirstOrDefault() ?? "";
                foreach (var span in Messages(scopeSpans, 2))
                {
                    string traceId = "", spanId = "", parent = "", name = "";
                    var attributes = new Dictionary<string, string>();
                    var reader = new ProtoReader(span);
                    while (reader.TryReadTag(out int field, out int wire))
                    {
                        switch (field)
                        {
                            case 1: traceId = Convert.ToHexStringLower(reader.ReadBytes().Span); break;
                            case 2: spanId = Convert.ToHexStringLower(reader.ReadBytes().Span); break;
                            case 4: parent = Convert.ToHexStringLower(reader.ReadBytes().Span); break;
                            case 5: name = reader.ReadString(); break;
                            case 9: AddAttribute(reader.ReadBytes(), attributes); break;
                            default: reader.Skip(wire); break;
                        }
                    }

                    spans.Add(new OtlpSpan(scope, name, traceId, spanId, parent, attributes));
                }
            }
        }

        return spans;
    }

    private static void ReadMetric(ReadOnlyMemory<byte> metric, List<OtlpPoint> points)
    {
        string name = "";
        var reader = new ProtoReader(metric);
        while (reader.TryReadTag(out int field, out int wire))
        {
            switch (field)
            {
                case 1:
                    name = reader.ReadString();
                    break;
                case 5 or 7: // gauge, sum: NumberDataPoint
                    foreach (var point in Messages(reader.ReadBytes(), 1))
                    {
                        points.Add(ReadNumberPoint(name, point));
                    }

                    break;
                case 9: // histogram: HistogramDataPoint
                    foreach (var point in Messages(reader.ReadBytes(), 1))
                    {
                        points.Add(ReadHistogramPoint(name, point));
                    }

                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
    }

    private static OtlpPoint ReadNumberPoint(string metric, ReadOnlyMemory<byte> point)
    {
        double value = 0;
        var attributes = new Dictionary<string, string>();
        var reader = new ProtoReader(point);
        while (reader.TryReadTag(out int field, out int wire))
        {
            switch (field)
            {
                case 4: value = reader.ReadDouble(); break;
                case 6: value = (long)reader.ReadFixed64(); break;
                case 7: AddAttribute(reader.ReadBytes(), attributes); break;
                default: reader.Skip(wire); break;
            }
        }

        return new OtlpPoint(metric, attributes, value, 0);
    }

    private static OtlpPoint ReadHistogramPoint(string metric, ReadOnlyMemory<byte> point)
    {
        double sum = 0;
        ulong count = 0;
        var attributes = new Dictionary<string, string>();
        var reader = new ProtoReader(point);
        while (reader.TryReadTag(out int field, out int wire))
        {
            switch (field)
            {
                case 4: count = reader.ReadFixed64(); break;
                case 5: sum = reader.ReadDouble(); break;
                case 9: AddAttribute(reader.ReadBytes(), attributes); break;
                default: reader.Skip(wire); break;
            }
        }

        return new OtlpPoint(metric, attributes, sum, count);
    }

    /// <summary>KeyValue { key = 1; AnyValue value = 2 { string 1, bool 2, int 3, double 4 } }.</summary>
    private static void AddAttribute(ReadOnlyMemory<byte> keyValue, Dictionary<string, string> attributes)
    {
        string key = "", value = "";
        var reader = new ProtoReader(keyValue);
        while (reader.TryReadTag(out int field, out int wire))
        {
            if (field == 1)
            {
                key = reader.ReadString();
            }
            else if (field == 2)
            {
                var any = reader.ReadMessage();
                while (any.TryReadTag(out int f, out int w))
                {
                    value = f switch
                    {
                        1 => any.ReadString(),
                        2 => any.ReadVarint() != 0 ? "true" : "false",
                        3 => ((long)any.ReadVarint()).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        4 => any.ReadDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
                        _ => SkipAndKeep(ref any, w, value),
                    };
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }

        attributes[key] = value;
    }

    private static string SkipAndKeep(ref ProtoReader reader, int wire, string value)
    {
        reader.Skip(wire);
        return value;
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Messages(ReadOnlyMemory<byte> message, int wanted)
    {
        var found = new List<ReadOnlyMemory<byte>>();
        var reader = new ProtoReader(message);
        while (reader.TryReadTag(out int field, out int wire))
        {
            if (field == wanted && wire == 2)
            {
                found.Add(reader.ReadBytes());
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return found;
    }

    private static IEnumerable<string> Strings(ReadOnlyMemory<byte> message, int wanted) =>
        Messages(message, wanted).Select(m => System.Text.Encoding.UTF8.GetString(m.Span));
}
