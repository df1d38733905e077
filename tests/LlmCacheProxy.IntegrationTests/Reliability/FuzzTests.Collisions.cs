using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Reliability;

/// <summary>
/// Requests the upstream would answer differently must never share an entry. Each generated request carries what
/// upstream reads (its exact body, query string, and the headers it acts on) as its identity; two requests that got
/// the same X-Cache-Key must have the same identity, or one was answered with the other's entry.
/// </summary>
public sealed partial class FuzzTests
{
    private const int CollisionCases = 240;

    private static readonly string[] HugeIntegers =
    [
        "9007199254740992", "9007199254740993", "9007199254740994", "-9007199254740993", "-9007199254740992",
        "18446744073709551615", "18446744073709551616", "18446744073709551617", "123456789012345678901234567890",
        "123456789012345678901234567891",
    ];

    private static readonly string[] ApiVersions = ["2024-02-01", "1999-01-01", "2024-10-21", "2025-01-01-preview"];

    private static readonly (string Name, string[] Values)[] VaryHeaders =
    [
        ("OpenAI-Organization", ["org-a", "org-b"]),
        ("OpenAI-Project", ["proj-1", "proj-2"]),
        ("OpenAI-Beta", ["assistants=v2", "realtime=v1"]),
        ("api-version", ["2024-02-01", "2024-10-21"]),
        ("anthropic-version", ["2023-06-01", "2023-01-01"]),
    ];

    private sealed record Probe(string Identity, string Path, string Body, (string Name, string Value)[] Headers);

    [Fact]
    public async Task DuplicateKeysAnywhere_NeverShareAnEntry()
    {
        var random = new Random(21);
        var probes = Enumerable.Range(0, CollisionCases).Select(_ =>
        {
            string a = random.Next(3).ToString(CultureInfo.InvariantCulture), b = random.Next(3).ToString(CultureInfo.InvariantCulture);
            string body = random.Next(3) switch
            {
                0 => $$$"""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"dup params"}],"seed":{{{a}}},"seed":{{{b}}}}""",
                1 => $$$"""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"dup {{{a}}}","content":"dup {{{b}}}"}]}""",
                _ => """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"dup nested"}],"response_format":{"type":"json_schema","json_schema":{"name":"n""" +
                    a + "\",\"name\":\"n" + b + "\"}}}",
            };
            // Parsers differ on which duplicate wins, so every spelling is a request of its own.
            return new Probe(body, "v1/chat/completions", body, []);
        });

        await AssertNoSharedEntryAsync(probes.ToArray(), expectKeys: false);
    }

    [Fact]
    public async Task IntegersBeyondDoublePrecision_AtAnyDepth_NeverShareAnEntry()
    {
        var random = new Random(22);
        var probes = Enumerable.Range(0, CollisionCases).Select(_ =>
        {
            string n = HugeIntegers[random.Next(HugeIntegers.Length)];
            (string where, string body) = random.Next(3) switch
            {
                0 => ("seed", $$$"""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"big ints"}],"seed":{{{n}}}}"""),
                1 => ("logit_bias", $$$"""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"big ints"}],"logit_bias":{"50256":{{{n}}}}}"""),
                _ => ("tools", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"big ints"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"integer","maximum":""" +
                    n + "}}}]}"),
            };
            return new Probe($"{where}={n}", "v1/chat/completions", body, []);
        });

        await AssertNoSharedEntryAsync(probes.ToArray(), expectKeys: true);
    }

    [Fact]
    public async Task QueryStrings_NeverShareAnEntryAcrossDifferentParameters()
    {
        var random = new Random(23);
        var probes = Enumerable.Range(0, CollisionCases).Select(_ =>
        {
            var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (random.Next(4) > 0)
            {
                parameters["api-version"] = ApiVersions[random.Next(ApiVersions.Length)];
            }

            if (random.Next(3) == 0)
            {
                parameters["deployment"] = "d" + random.Next(2).ToString(CultureInfo.InvariantCulture);
            }

            // The order of parameters is not meaningful to upstream: shuffle it, the identity stays sorted.
            var written = parameters.OrderBy(_ => random.Next()).Select(p => $"{p.Key}={p.Value}").ToArray();
            string path = "v1/chat/completions" + (written.Length == 0 ? "" : "?" + string.Join('&', written));
            string identity = string.Join('&', parameters.Select(p => $"{p.Key}={p.Value}"));
            return new Probe(identity, path, ChatRequests.Body("query strings"), []);
        });

        await AssertNoSharedEntryAsync(probes.ToArray(), expectKeys: true);
    }

    [Fact]
    public async Task HeadersUpstreamActsOn_NeverShareAnEntryAcrossDifferentValues()
    {
        var random = new Random(24);
        var probes = Enumerable.Range(0, CollisionCases).Select(_ =>
        {
            var headers = new List<(string, string)>();
            var identity = new StringBuilder();
            foreach (var (name, values) in VaryHeaders)
            {
                // Absent, empty and each value are three different requests to upstream.
                int pick = random.Next(values.Length + 2);
                if (pick == values.Length + 1)
                {
                    identity.Append(name).Append(":absent;");
                    continue;
                }

                string value = pick == values.Length ? "" : values[pick];
                headers.Add((name, value));
                identity.Append(name).Append('=').Append(value).Append(';');
            }

            return new Probe(identity.ToString(), "v1/chat/completions", ChatRequests.Body("vary headers"), headers.ToArray());
        });

        await AssertNoSharedEntryAsync(probes.ToArray(), expectKeys: true);
    }

    /// <param name="expectKeys">True: the requests are cacheable, and some identical ones must hit (or the test proves nothing).</param>
    private static async Task AssertNoSharedEntryAsync(Probe[] probes, bool expectKeys)
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var byKey = new ConcurrentDictionary<string, ConcurrentBag<string>>(StringComparer.Ordinal);
        int hits = 0, bypasses = 0;
        foreach (var probe in probes)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, probe.Path) { Content = new StringContent(probe.Body, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer sk-fuzz-collisions");
            foreach (var (name, value) in probe.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await ctx.Proxy.Http.SendAsync(request);
            string cache = response.Header("X-Cache") ?? "";
            hits += cache == "HIT" ? 1 : 0;
            bypasses += cache == "BYPASS" ? 1 : 0;
            if (response.Header("X-Cache-Key") is { } key && cache is "HIT" or "MISS" or "COALESCED")
            {
                byKey.GetOrAdd(key, _ => []).Add(probe.Identity);
            }
        }

        var shared = byKey.Where(p => p.Value.Distinct().Count() > 1)
            .Select(p => string.Join(" and ", p.Value.Distinct().Order(StringComparer.Ordinal).Take(2).Select(i => $"[{i}]"))).ToArray();
        Assert.True(shared.Length == 0,
            $"{shared.Length} entries answered requests upstream tells apart, e.g.: {string.Join("; ", shared.Take(3))}");
        if (expectKeys)
        {
            Assert.True(hits > 0, "no request was a hit: the generated requests never reached the cache");
        }
        else
        {
            Assert.Equal(probes.Length, bypasses);
        }
    }
}
