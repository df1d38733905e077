using System.Text.Json;
using System.Text.Json.Nodes;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using static LlmCacheProxy.IntegrationTests.Endpoints.Differential.Spellings;

namespace LlmCacheProxy.IntegrationTests.Endpoints.Differential;

/// <summary>
/// The legacy completions key end to end: 1,000 generated requests, each respelled (a hit) and changed (a miss) through
/// the proxy. Prompts follow the Exact rules: line endings and Unicode forms are spelling, surrounding spaces are meaning.
/// </summary>
public sealed class CompletionsDifferentialTests
{
    private const string Model = "gpt-3.5-turbo-instruct";

    [Fact]
    public async Task GeneratedVariants_SameMeaningHits_DifferentMeaningMissesWithUpstreamsAnswer()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var random = new Random(1408);
        var variants = Enumerable.Range(0, DifferentialRun.Variants).Select(i => Make(random, i)).ToList();

        var failures = await DifferentialRun.RunAsync(ctx, variants, (_, first, changed) =>
            Id(first) == Id(changed) ? "the first answer again" : null);

        Assert.True(failures.Count == 0, $"{failures.Count} failures; first: {failures.FirstOrDefault()}");
        Assert.Equal(2 * DifferentialRun.Variants, ctx.Upstream.CompletionsCalls);
    }

    private static string? Id(string body) => JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();

    private static Variant Make(Random random, int i)
    {
        var meaning = Meaning(random, i);
        var (changed, what) = Change(random, meaning, i);
        return new Variant("v1/completions", new JsonSpelling(random).Render(meaning),
            new JsonSpelling(random).Render(Spell(random, meaning)), new JsonSpelling(random).Render(changed), what);
    }

    private static JsonObject Meaning(Random random, int i)
    {
        var body = new JsonObject { ["model"] = Model };
        body["prompt"] = random.Next(3) switch
        {
            0 => Text(random, i),
            1 => new JsonArray(Text(random, i), "and " + Text(random, i)),
            _ => new JsonArray(i, random.Next(1000), random.Next(1000)),
        };
        Sometimes(random, body, "max_tokens", random.Next(17, 256));
        Sometimes(random, body, "temperature", Pick(random, 0.0, 0.5));
        Sometimes(random, body, "suffix", " The end.");
        return body;
    }

    private static JsonObject Spell(Random random, JsonObject meaning)
    {
        var body = meaning.DeepClone().AsObject();
        body["model"] = Model(random, Model);
        switch (body["prompt"])
        {
            case JsonArray { Count: > 0 } prompts when prompts[0]!.GetValueKind() == JsonValueKind.String:
                for (int p = 0; p < prompts.Count; p++)
                {
                    prompts[p] = Exact(random, (string)prompts[p]!);
                }

                break;
            case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                body["prompt"] = Exact(random, (string)text!);
                break;
        }

        foreach (var (name, value) in new (string, JsonNode)[]
            { ("temperature", 1), ("top_p", 1.0), ("n", 1), ("presence_penalty", 0), ("frequency_penalty", 0), ("echo", false), ("best_of", 1), ("max_tokens", 16) })
        {
            if (!body.ContainsKey(name) && random.Next(3) == 0)
            {
                body[name] = value.DeepClone();
            }
        }

        Sometimes(random, body, "user", $"user-{random.Next(100)}");
        Sometimes(random, body, "stream", false);
        Sometimes(random, body, "logprobs", null);
        return body;
    }

    private static (JsonObject Body, string What) Change(Random random, JsonObject meaning, int i)
    {
        var body = meaning.DeepClone().AsObject();
        switch (random.Next(6))
        {
            case 0 when body["prompt"] is JsonValue text:
                body["prompt"] = (string)text! + " ";
                return (body, "a trailing space");
            case 0 when body["prompt"] is JsonArray { Count: 3 } tokens && tokens[0]!.GetValueKind() == JsonValueKind.Number:
                body["prompt"] = new JsonArray(tokens.DeepClone());
                return (body, "a token array inside a list");
            case 0:
                body["prompt"]!.AsArray().Add($"v{i} too");
                return (body, "one more prompt");
            case 1:
                body["max_tokens"] = body["max_tokens"] is { } max ? (int)max + 1 : 17;
                return (body, "another max_tokens");
            case 2:
                body["echo"] = true;
                return (body, "echo");
            case 3:
                body["stop"] = "\n";
                return (body, "a stop");
            case 4:
                body["seed"] = random.Next(1, 1000);
                return (body, "a seed");
            default:
                body["suffix"] = (string?)body["suffix"] + "!";
                return (body, "another suffix");
        }
    }
}
