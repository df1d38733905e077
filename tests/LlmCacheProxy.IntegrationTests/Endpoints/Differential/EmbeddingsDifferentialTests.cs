using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeUpstream;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using static LlmCacheProxy.IntegrationTests.Endpoints.Differential.Spellings;

namespace LlmCacheProxy.IntegrationTests.Endpoints.Differential;

/// <summary>
/// The embeddings item keys end to end: 1,000 generated batches through the proxy, each sent, sent again spelled otherwise
/// (every item a hit), and sent reordered with one item changed (only that item goes upstream) or with other dimensions
/// (every item does). Items are exact: a trailing space or another Unicode form is another item. Every vector is checked
/// against the fake's own for its item, so a wrong merge is caught.
/// </summary>
public sealed class EmbeddingsDifferentialTests
{
    private const string Model = "text-embedding-3-small";

    [Fact]
    public async Task GeneratedBatches_SameItemsHit_ChangedItemsAloneGoUpstream()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var random = new Random(1409);
        var cases = Enumerable.Range(0, DifferentialRun.Variants).Select(i => Make(random, i)).ToList();

        var failures = await DifferentialRun.RunAsync(ctx, cases.Select(c => c.Variant).ToList(), (v, _, changed) =>
            WrongVector(cases.First(c => ReferenceEquals(c.Variant, v)), changed));

        Assert.True(failures.Count == 0, $"{failures.Count} failures; first: {failures.FirstOrDefault()}");
        Assert.Equal(cases.Sum(c => c.Items.Length + c.UpstreamItemsOfChange), ctx.Upstream.EmbeddingInputs);
        Assert.Equal(2 * DifferentialRun.Variants, ctx.Upstream.EmbeddingsCalls);
    }

    private sealed record Case(Variant Variant, string[] Items, string[] ChangedItems, int Dimensions, int UpstreamItemsOfChange);

    /// <summary>Null when every vector of the changed batch is the fake's vector of the item at its place.</summary>
    private static string? WrongVector(Case c, string answer)
    {
        var data = JsonDocument.Parse(answer).RootElement.GetProperty("data");
        for (int i = 0; i < c.ChangedItems.Length; i++)
        {
            var expected = FakeOpenAiServer.EmbeddingFor(c.ChangedItems[i], c.Dimensions);
            var got = data[i].GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            if (data[i].GetProperty("index").GetInt32() != i || !expected.SequenceEqual(got))
            {
                return $"item {i} ({c.ChangedItems[i]}) has another vector";
            }
        }

        return null;
    }

    private static Case Make(Random random, int i)
    {
        var items = Enumerable.Range(0, random.Next(1, 6)).Select(n => $"{Text(random, i)} #{n}").ToArray();
        int? dimensions = random.Next(3) == 0 ? Pick(random, 4, 12) : null;
        var first = Body(Model, items, dimensions);
        first["encoding_format"] = random.Next(2) == 0 ? "float" : null;

        var same = Body(Model(random, Model), items, dimensions);
        Sometimes(random, same, "encoding_format", "float");
        Sometimes(random, same, "user", $"user-{random.Next(100)}");

        var changedItems = items.OrderBy(_ => random.Next()).ToArray();
        int upstream;
        int changedDimensions = dimensions ?? FakeOpenAiServer.DefaultEmbeddingDimensions;
        string what;
        if (random.Next(4) == 0)
        {
            changedDimensions = dimensions == 4 ? 12 : 4;
            upstream = items.Length;
            what = "other dimensions";
        }
        else
        {
            int at = random.Next(changedItems.Length);
            (changedItems[at], what) = random.Next(3) switch
            {
                0 => (changedItems[at] + " ", "a trailing space"),
                1 => (changedItems[at].Normalize(NormalizationForm.FormD) is var d && d != changedItems[at] ? d : changedItems[at] + "!", "another Unicode form"),
                _ => (char.ToUpperInvariant(changedItems[at][0]) + changedItems[at][1..], "another case"),
            };
            upstream = 1;
        }

        var changed = Body(Model, changedItems, changedDimensions == FakeOpenAiServer.DefaultEmbeddingDimensions && dimensions is null ? null : changedDimensions);
        var spelling = new JsonSpelling(random);
        var variant = new Variant("v1/embeddings", spelling.Render(first), spelling.Render(same), spelling.Render(changed), what);
        return new Case(variant, items, changedItems, changedDimensions, upstream);
    }

    private static JsonObject Body(string model, string[] items, int? dimensions)
    {
        var body = new JsonObject { ["model"] = model, ["input"] = new JsonArray(items.Select(t => (JsonNode)t).ToArray()) };
        if (dimensions is { } d)
        {
            body["dimensions"] = d;
        }

        return body;
    }
}
