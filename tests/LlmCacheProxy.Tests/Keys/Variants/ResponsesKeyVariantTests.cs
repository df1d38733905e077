using System.Text;
using System.Text.Json.Nodes;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Tests.Keys.Variants;

/// <summary>The pure half of the responses differential: one key per meaning, another key per meaningful change.</summary>
public sealed class ResponsesKeyVariantTests
{
    private const int Variants = 1000;
    private static readonly string[] Models = ["gpt-4.1", "gpt-4o-mini", "o4-mini"];
    private static readonly KeyScope BaseScope = KeyScope.Create("/v1/responses", null, "p", []);

    private readonly ResponsesKeyBuilder _builder = new(KeySettings.Default);

    [Fact]
    public void TryBuild_SameRequestSpelledTwoWays_SameKey()
    {
        var random = new Random(20240611);
        for (var i = 0; i < Variants; i++)
        {
            var meaning = Meaning(random);
            var a = new JsonSurface(random).Render(Spell(random, meaning));
            var b = new JsonSurface(random).Render(Spell(random, meaning));

            Assert.True(KeyOf(a, BaseScope) == KeyOf(b, BaseScope), $"variant {i}: same request, different keys\n{a}\n{b}");
        }
    }

    [Fact]
    public void TryBuild_OneMeaningfulChange_DifferentKey()
    {
        var random = new Random(20240612);
        for (var i = 0; i < Variants; i++)
        {
            var meaning = Meaning(random);
            var (changed, scope, what) = Change(random, meaning);
            var a = new JsonSurface(random).Render(Spell(random, meaning));
            var b = new JsonSurface(random).Render(Spell(random, changed));

            Assert.True(KeyOf(a, BaseScope) != KeyOf(b, scope), $"variant {i}: {what} kept the key\n{a}\n{b}");
        }
    }

    private string KeyOf(string json, KeyScope scope)
    {
        Assert.True(_builder.TryBuild(Encoding.UTF8.GetBytes(json), scope, out var key), $"not cacheable:\n{json}");
        return key.Hash;
    }

    private static JsonObject Meaning(Random random)
    {
        var body = new JsonObject { ["model"] = VariantText.Pick(random, Models) };
        if (random.Next(2) == 0)
        {
            body["input"] = VariantText.Random(random);
        }
        else
        {
            var items = new JsonArray();
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                items.Add(random.Next(3) switch
                {
                    0 => new JsonObject { ["role"] = "user", ["content"] = VariantText.Random(random) },
                    1 => new JsonObject
                    {
                        ["role"] = VariantText.Pick(random, "user", "assistant"),
                        ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = VariantText.Random(random) }),
                    },
                    _ => new JsonObject { ["type"] = "function_call_output", ["call_id"] = $"call_{random.Next(9)}", ["output"] = " 42 " },
                });
            }

            body["input"] = items;
        }

        Sometimes(random, body, "instructions", VariantText.Random(random));
        Sometimes(random, body, "temperature", VariantText.Pick(random, 0.0, 0.3, 0.7, 1.5));
        Sometimes(random, body, "max_output_tokens", JsonValue.Create(random.Next(16, 4096)));
        Sometimes(random, body, "store", false);
        Sometimes(random, body, "previous_response_id", $"resp_{random.Next(1000)}");
        Sometimes(random, body, "reasoning", new JsonObject { ["effort"] = VariantText.Pick(random, "low", "high") });
        Sometimes(random, body, "tools", new JsonArray(new JsonObject { ["type"] = "function", ["name"] = "f", ["parameters"] = new JsonObject { ["type"] = "object" } }));
        Sometimes(random, body, "seed", JsonNode.Parse(VariantText.Pick(random, "7", "9007199254740993"))!);
        return body;
    }

    private static JsonObject Spell(Random random, JsonObject meaning)
    {
        var body = meaning.DeepClone().AsObject();
        body["model"] = VariantText.Model(random, (string)body["model"]!);
        if (body["input"] is JsonArray items)
        {
            foreach (var item in items.Select(i => i!.AsObject()).Where(i => i.ContainsKey("role")))
            {
                item["role"] = VariantText.Model(random, (string)item["role"]!);
                if (item["content"] is JsonArray parts)
                {
                    parts[0]!["text"] = VariantText.Trimmable(random, (string)parts[0]!["text"]!);
                }
                else
                {
                    item["content"] = VariantText.Trimmable(random, (string)item["content"]!);
                }
            }
        }
        else
        {
            body["input"] = VariantText.Trimmable(random, (string)body["input"]!);
        }

        foreach (var (name, value) in new (string, JsonNode)[] { ("temperature", 1.0), ("top_p", 1), ("store", true), ("parallel_tool_calls", true), ("truncation", "disabled") })
        {
            if (!body.ContainsKey(name) && random.Next(3) == 0)
            {
                body[name] = value;
            }
        }

        Sometimes(random, body, "stream", random.Next(2) == 0);
        Sometimes(random, body, "user", $"u{random.Next(100)}");
        Sometimes(random, body, "safety_identifier", $"s{random.Next(100)}");
        Sometimes(random, body, "metadata", new JsonObject { ["k"] = "v" });
        Sometimes(random, body, "conversation", null);
        Sometimes(random, body, "background", null);
        return body;
    }

    private static (JsonObject Body, KeyScope Scope, string What) Change(Random random, JsonObject meaning)
    {
        var body = meaning.DeepClone().AsObject();
        switch (random.Next(9))
        {
            case 0:
                body["model"] = Models.First(m => m != (string)body["model"]!);
                return (body, BaseScope, "another model");
            case 1:
                // A string input and the same text as one message are different questions.
                body["input"] = body["input"] is JsonArray items
                    ? new JsonArray(items.Select(i => i!.DeepClone()).Append(new JsonObject { ["role"] = "user", ["content"] = "more" }).ToArray())
                    : new JsonArray(new JsonObject { ["role"] = "user", ["content"] = (string)body["input"]! });
                return (body, BaseScope, "another input shape");
            case 2:
                body["store"] = body.ContainsKey("store") ? true : false;
                return (body, BaseScope, "store flipped");
            case 3:
                body["instructions"] = (string?)body["instructions"] + "x";
                return (body, BaseScope, "other instructions");
            case 4:
                body["previous_response_id"] = "resp_other";
                return (body, BaseScope, "another previous response");
            case 5:
                body["max_output_tokens"] = body["max_output_tokens"] is { } max ? (int)max + 1 : 15;
                return (body, BaseScope, "another max_output_tokens");
            case 6:
                body["truncation"] = "auto";
                return (body, BaseScope, "truncation auto");
            case 7:
                return (body, KeyScope.Create("/v1/responses", "?api-version=preview", "p", []), "a query");
            default:
                return (body, KeyScope.Create("/v1/responses", null, "p", [KeyValuePair.Create("OpenAI-Beta", "responses=v1")]), "a vary header");
        }
    }

    private static void Sometimes(Random random, JsonObject body, string name, JsonNode? value)
    {
        if (random.Next(5) < 2)
        {
            body[name] = value;
        }
    }
}
