using System.Text.Json;
using System.Text.Json.Nodes;
using LlmCacheProxy.IntegrationTests.Infrastructure;
using static LlmCacheProxy.IntegrationTests.Endpoints.Differential.Spellings;

namespace LlmCacheProxy.IntegrationTests.Endpoints.Differential;

/// <summary>
/// The responses key end to end: 1,000 generated requests through the proxy, each sent, then sent again spelled otherwise
/// (a hit with the first answer), then sent with one meaningful change (a miss answered by upstream).
/// </summary>
public sealed class ResponsesDifferentialTests
{
    private static readonly string[] Models = ["gpt-4o-mini", "gpt-4.1"];

    [Fact]
    public async Task GeneratedVariants_SameMeaningHits_DifferentMeaningMissesWithUpstreamsAnswer()
    {
        await using var ctx = await ProxyTestContext.StartAsync();
        var random = new Random(1406);
        var variants = Enumerable.Range(0, DifferentialRun.Variants).Select(i => Make(random, i)).ToList();

        var failures = await DifferentialRun.RunAsync(ctx, variants, (_, first, changed) =>
            Id(first) == Id(changed) ? "the first answer again" : null);

        Assert.True(failures.Count == 0, $"{failures.Count} failures; first: {failures.FirstOrDefault()}");
        Assert.Equal(2 * DifferentialRun.Variants, ctx.Upstream.ResponsesCalls);
    }

    private static string? Id(string body) => JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();

    private static Variant Make(Random random, int i)
    {
        var meaning = Meaning(random, i);
        var (changed, what, path, header) = Change(random, meaning);
        return new Variant("v1/responses", new JsonSpelling(random).Render(meaning), new JsonSpelling(random).Render(Spell(random, meaning)),
            new JsonSpelling(random).Render(changed), what, path, header);
    }

    private static JsonObject Meaning(Random random, int i)
    {
        var body = new JsonObject { ["model"] = Pick(random, Models) };
        body["input"] = random.Next(3) switch
        {
            0 => Text(random, i),
            1 => new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Text(random, i) }),
            _ => new JsonArray(
                new JsonObject { ["type"] = "message", ["role"] = "developer", ["content"] = "be brief" },
                new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = Text(random, i) }) }),
        };
        Sometimes(random, body, "instructions", "answer in French");
        Sometimes(random, body, "temperature", Pick(random, 0.0, 0.3, 0.7));
        Sometimes(random, body, "max_output_tokens", random.Next(16, 512));
        Sometimes(random, body, "tools", new JsonArray(new JsonObject
        {
            ["type"] = "function", ["name"] = "lookup", ["parameters"] = new JsonObject { ["type"] = "object" },
        }));
        return body;
    }

    private static JsonObject Spell(Random random, JsonObject meaning)
    {
        var body = meaning.DeepClone().AsObject();
        body["model"] = Model(random, (string)body["model"]!);
        if (body["input"] is JsonArray items)
        {
            foreach (var item in items.Select(n => n!.AsObject()))
            {
                if (item["content"] is JsonArray parts)
                {
                    parts[0]!["text"] = Trimmed(random, (string)parts[0]!["text"]!);
                }
                else
                {
                    item["content"] = Trimmed(random, (string)item["content"]!);
                }
            }
        }
        else
        {
            body["input"] = Trimmed(random, (string)body["input"]!);
        }

        foreach (var (name, value) in new (string, JsonNode)[] { ("temperature", 1), ("top_p", 1.0), ("store", true), ("parallel_tool_calls", true), ("truncation", "disabled") })
        {
            if (!body.ContainsKey(name) && random.Next(3) == 0)
            {
                body[name] = value.DeepClone();
            }
        }

        Sometimes(random, body, "user", $"user-{random.Next(100)}");
        Sometimes(random, body, "safety_identifier", $"s{random.Next(100)}");
        Sometimes(random, body, "metadata", new JsonObject { ["team"] = "a" });
        Sometimes(random, body, "stream", false);
        Sometimes(random, body, "conversation", null);
        if (!body.ContainsKey("instructions"))
        {
            Sometimes(random, body, "instructions", null);
        }

        return body;
    }

    private static (JsonObject Body, string What, string? Path, (string, string)? Header) Change(Random random, JsonObject meaning)
    {
        var body = meaning.DeepClone().AsObject();
        switch (random.Next(10))
        {
            case 0:
                body["model"] = Models.First(m => m != (string)body["model"]!);
                return (body, "another model", null, null);
            case 1:
                if (body["input"] is JsonArray items)
                {
                    items.Add(new JsonObject { ["role"] = "user", ["content"] = "and then?" });
                }
                else
                {
                    body["input"] = (string)body["input"]! + " more";
                }

                return (body, "another input", null, null);
            case 2:
                body["store"] = false;
                return (body, "store false", null, null);
            case 3:
                body["instructions"] = (string?)body["instructions"] + " please";
                return (body, "other instructions", null, null);
            case 4:
                body["previous_response_id"] = "resp_earlier";
                return (body, "a previous response", null, null);
            case 5:
                body["max_output_tokens"] = body["max_output_tokens"] is { } max ? (int)max + 1 : 1000;
                return (body, "another max_output_tokens", null, null);
            case 6:
                body["temperature"] = body["temperature"] is { } t ? (double)t + 0.05 : 0.5;
                return (body, "another temperature", null, null);
            case 7:
                body["text"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "json_object" } };
                return (body, "a text format", null, null);
            case 8:
                return (body, "an api-version", "v1/responses?api-version=2025-04-01-preview", null);
            default:
                return (body, "a vary header", null, ("OpenAI-Project", "proj_other"));
        }
    }
}
