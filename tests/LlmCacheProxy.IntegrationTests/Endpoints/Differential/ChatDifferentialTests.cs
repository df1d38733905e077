using System.Text.Json;
using System.Text.Json.Nodes;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using static LlmCacheProxy.IntegrationTests.Endpoints.Differential.Spellings;

namespace LlmCacheProxy.IntegrationTests.Endpoints.Differential;

/// <summary>The chat key end to end: 1,000 generated requests, each respelled (a hit) and changed (a miss) through the proxy.</summary>
public sealed class ChatDifferentialTests
{
    private static readonly string[] Models = ["gpt-4o-mini", "gpt-4.1-nano"];

    [Fact]
    public async Task GeneratedVariants_SameMeaningHits_DifferentMeaningMissesWithUpstreamsAnswer()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var random = new Random(1407);
        var variants = Enumerable.Range(0, DifferentialRun.Variants).Select(i => Make(random, i)).ToList();

        var failures = await DifferentialRun.RunAsync(ctx, variants, (_, first, changed) =>
            Id(first) == Id(changed) ? "the first answer again" : null);

        Assert.True(failures.Count == 0, $"{failures.Count} failures; first: {failures.FirstOrDefault()}");
        Assert.Equal(2 * DifferentialRun.Variants, ctx.Upstream.ChatCalls);
    }

    private static string? Id(string body) => JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();

    private static Variant Make(Random random, int i)
    {
        var meaning = Meaning(random, i);
        var (changed, what) = Change(random, meaning);
        return new Variant("v1/chat/completions", new JsonSpelling(random).Render(meaning),
            new JsonSpelling(random).Render(Spell(random, meaning)), new JsonSpelling(random).Render(changed), what);
    }

    private static JsonObject Meaning(Random random, int i)
    {
        var messages = new JsonArray();
        if (random.Next(2) == 0)
        {
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = "You are terse." });
        }

        messages.Add(new JsonObject { ["role"] = "user", ["content"] = Text(random, i) });
        var body = new JsonObject { ["model"] = Pick(random, Models), ["messages"] = messages };
        Sometimes(random, body, "temperature", Pick(random, 0.0, 0.2, 0.9));
        Sometimes(random, body, "max_completion_tokens", random.Next(16, 512));
        Sometimes(random, body, "seed", random.Next(1, 99));
        return body;
    }

    private static JsonObject Spell(Random random, JsonObject meaning)
    {
        var body = meaning.DeepClone().AsObject();
        body["model"] = Model(random, (string)body["model"]!);
        foreach (var message in body["messages"]!.AsArray().Select(m => m!.AsObject()))
        {
            message["content"] = Trimmed(random, (string)message["content"]!);
            message["role"] = ((string)message["role"]!).ToUpperInvariant()[..1] + ((string)message["role"]!)[1..];
        }

        if (body["max_completion_tokens"] is { } max && random.Next(2) == 0)
        {
            body.Remove("max_completion_tokens");
            body["max_tokens"] = max.DeepClone();
        }

        foreach (var (name, value) in new (string, JsonNode)[] { ("temperature", 1.0), ("top_p", 1), ("n", 1), ("presence_penalty", 0), ("frequency_penalty", 0.0) })
        {
            if (!body.ContainsKey(name) && random.Next(3) == 0)
            {
                body[name] = value.DeepClone();
            }
        }

        Sometimes(random, body, "user", $"user-{random.Next(100)}");
        Sometimes(random, body, "metadata", new JsonObject { ["team"] = "a" });
        Sometimes(random, body, "store", random.Next(2) == 0);
        Sometimes(random, body, "stream", false);
        return body;
    }

    private static (JsonObject Body, string What) Change(Random random, JsonObject meaning)
    {
        var body = meaning.DeepClone().AsObject();
        var user = body["messages"]!.AsArray()[^1]!.AsObject();
        switch (random.Next(7))
        {
            case 0:
                body["model"] = Models.First(m => m != (string)body["model"]!);
                return (body, "another model");
            case 1:
                user["content"] = (string)user["content"]! + "?";
                return (body, "another question");
            case 2:
                body["messages"]!.AsArray().Insert(0, new JsonObject { ["role"] = "system", ["content"] = "Answer twice." });
                return (body, "another system message");
            case 3:
                body["temperature"] = body["temperature"] is { } t ? (double)t + 0.05 : 0.4;
                return (body, "another temperature");
            case 4:
                body["max_completion_tokens"] = body["max_completion_tokens"] is { } max ? (int)max + 1 : 7;
                return (body, "another token limit");
            case 5:
                body["stop"] = new JsonArray("\n\n");
                return (body, "a stop sequence");
            default:
                user["name"] = "alice";
                return (body, "a message name");
        }
    }
}
