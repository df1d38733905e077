using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Tests.Keys.Variants;

/// <summary>
/// The pure half of the chat differential: over generated requests, every spelling of one request gets one key
/// on both paths, and one change the upstream would answer differently gets another key.
/// </summary>
public sealed class ChatKeyVariantTests
{
    private const int Variants = 1000;
    private static readonly string[] Models = ["gpt-4o", "gpt-4o-mini", "o3"];
    private static readonly string[] Roles = ["system", "user", "assistant"];
    private static readonly KeyScope BaseScope = KeyScope.Create("/v1/chat/completions", null, "p", []);

    private readonly ChatKeyBuilder _builder = new(KeySettings.Default);
    private int _fastHandled;

    [Fact]
    public void TryBuild_SameRequestSpelledTwoWays_SameKeyOnBothPaths()
    {
        var random = new Random(20240601);
        for (var i = 0; i < Variants; i++)
        {
            var meaning = Meaning(random);
            // Every other variant is spelled plainly enough for the fast path, so both paths meet the same bodies.
            var plain = i % 2 == 1;
            var a = new JsonSurface(random, plain).Render(Spell(random, meaning, plain));
            var b = new JsonSurface(random, plain).Render(Spell(random, meaning, plain));

            Assert.True(KeyOf(a, BaseScope) == KeyOf(b, BaseScope), $"variant {i}: same request, different keys\n{a}\n{b}");
        }

        // The two-path comparison is only worth something if the fast path took a fair share of the bodies.
        Assert.True(_fastHandled >= Variants / 2, $"the fast path took only {_fastHandled} of {2 * Variants} bodies");
    }

    [Fact]
    public void TryBuild_OneMeaningfulChange_DifferentKey()
    {
        var random = new Random(20240602);
        for (var i = 0; i < Variants; i++)
        {
            var meaning = Meaning(random);
            var (changed, scope, what) = Change(random, meaning);
            var plain = i % 2 == 1;
            var a = new JsonSurface(random, plain).Render(Spell(random, meaning, plain));
            var b = new JsonSurface(random, plain).Render(Spell(random, changed, plain));

            Assert.True(KeyOf(a, BaseScope) != KeyOf(b, scope), $"variant {i}: {what} kept the key\n{a}\n{b}");
        }
    }

    // Both paths must agree wherever the fast one takes the body; the key is the document path's.
    private string KeyOf(string json, KeyScope scope)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        Assert.True(_builder.TryBuildFromDocument(utf8, scope, out var reference), $"not cacheable:\n{json}");
        if (_builder.TryBuildFast(utf8, scope, out var fast))
        {
            Assert.Equal(Encoding.UTF8.GetString(reference.CanonicalJson), Encoding.UTF8.GetString(fast.CanonicalJson));
            _fastHandled++;
        }

        return reference.Hash;
    }

    private static JsonObject Meaning(Random random)
    {
        var messages = new JsonArray();
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            JsonNode content = random.Next(3) > 0
                ? VariantText.Random(random)
                : new JsonArray(
                    new JsonObject { ["type"] = "text", ["text"] = VariantText.Random(random) },
                    new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = $"https://x/{random.Next(9)}.png" } });
            var message = new JsonObject { ["role"] = VariantText.Pick(random, Roles), ["content"] = content };
            if (random.Next(5) == 0)
            {
                message["name"] = VariantText.Pick(random, "alice", "bob");
            }

            messages.Add(message);
        }

        var body = new JsonObject { ["model"] = VariantText.Pick(random, Models), ["messages"] = messages };
        AddSometimes(random, body, "temperature", VariantText.Pick(random, 0.0, 0.2, 0.5, 0.7, 1.3, 2.0));
        AddSometimes(random, body, "top_p", VariantText.Pick(random, 0.1, 0.5, 0.9, 0.95));
        AddSometimes(random, body, "seed", VariantText.Pick(random, JsonValue.Create(42), JsonValue.Create(-7), JsonNode.Parse("9007199254740993")!, JsonNode.Parse("123456789012345678901234567890")!));
        AddSometimes(random, body, "max_tokens", JsonValue.Create(random.Next(1, 5000)));
        AddSometimes(random, body, "min_p", VariantText.Pick(random, 0.01, 0.014, 0.05));
        AddSometimes(random, body, "stop", new JsonArray("\n", "END"));
        AddSometimes(random, body, "logit_bias", new JsonObject { ["50256"] = -100, ["13"] = 5 });
        AddSometimes(random, body, "tools", Tools(VariantText.Pick(random, JsonValue.Create(3), JsonNode.Parse("9007199254740993")!)));
        return body;
    }

    private static JsonArray Tools(JsonNode maximum) =>
        [new JsonObject
        {
            ["type"] = "function",
            ["function"] = new JsonObject
            {
                ["name"] = "f",
                ["parameters"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject { ["n"] = new JsonObject { ["maximum"] = maximum, ["minimum"] = 0.5 } },
                },
            },
        }];

    // A spelling of the same request: what the key must not see.
    private static JsonObject Spell(Random random, JsonObject meaning, bool plain)
    {
        var body = meaning.DeepClone().AsObject();
        body["model"] = VariantText.Model(random, (string)body["model"]!, plain);
        foreach (var message in body["messages"]!.AsArray().Select(m => m!.AsObject()))
        {
            message["role"] = VariantText.Model(random, (string)message["role"]!, plain);
            if (message["content"] is JsonArray parts)
            {
                parts[0]!["text"] = VariantText.Trimmable(random, (string)parts[0]!["text"]!, plain);
            }
            else
            {
                message["content"] = VariantText.Trimmable(random, (string)message["content"]!, plain);
            }

            if (!message.ContainsKey("name") && random.Next(4) == 0)
            {
                message["name"] = null;
            }
        }

        foreach (var (name, value) in new (string, JsonNode)[] { ("temperature", 1), ("top_p", 1.0), ("n", 1), ("presence_penalty", 0), ("frequency_penalty", 0.0) })
        {
            AddIfAbsentSometimes(random, body, name, value);
        }

        AddIfAbsentSometimes(random, body, "seed", null);
        AddSometimes(random, body, "stream", random.Next(2) == 0);
        AddSometimes(random, body, "stream_options", new JsonObject { ["include_usage"] = random.Next(2) == 0 });
        AddSometimes(random, body, "user", $"u{random.Next(100)}");
        AddSometimes(random, body, "metadata", new JsonObject { ["run"] = random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        AddSometimes(random, body, "store", random.Next(2) == 0);
        if (body["max_tokens"] is { } tokens && random.Next(2) == 0)
        {
            body["max_completion_tokens"] = tokens.DeepClone();
            if (random.Next(2) == 0)
            {
                body.Remove("max_tokens");
            }
        }

        return body;
    }

    private static (JsonObject Body, KeyScope Scope, string What) Change(Random random, JsonObject meaning)
    {
        var body = meaning.DeepClone().AsObject();
        var messages = body["messages"]!.AsArray();
        var message = messages[random.Next(messages.Count)]!.AsObject();
        switch (random.Next(12))
        {
            case 0:
                body["model"] = Models.First(m => m != (string)body["model"]!);
                return (body, BaseScope, "another model");
            case 1:
                if (message["content"] is JsonArray parts)
                {
                    parts[0]!["text"] = (string)parts[0]!["text"]! + "x";
                }
                else
                {
                    message["content"] = (string)message["content"]! + "x";
                }

                return (body, BaseScope, "another text");
            case 2:
                message["role"] = Roles.First(r => r != (string)message["role"]!);
                return (body, BaseScope, "another role");
            case 3:
                messages.Add(new JsonObject { ["role"] = "user", ["content"] = "one more" });
                return (body, BaseScope, "one more message");
            case 4:
                var seed = body["seed"] is { } s ? BigInteger.Parse(s.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) : 0;
                body["seed"] = JsonNode.Parse((seed + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                return (body, BaseScope, "seed + 1");
            case 5:
                body["temperature"] = body["temperature"] is { } t && (double)t == 0.5 ? 0.6 : 0.5;
                return (body, BaseScope, "another temperature");
            case 6:
                body["frequency_penalty"] = 0.001;
                return (body, BaseScope, "a small penalty");
            case 7:
                body["tools"] = Tools(JsonValue.Create(4));
                return (body, BaseScope, "another nested number");
            case 8:
                body["x_new"] = random.Next(100);
                return (body, BaseScope, "an unknown param");
            case 9:
                return (body, KeyScope.Create("/v1/chat/completions", null, "q", []), "another partition");
            case 10:
                return (body, KeyScope.Create("/v1/chat/completions", "?api-version=2024-10-21", "p", []), "a query");
            default:
                return (body, KeyScope.Create("/v1/chat/completions", null, "p", [KeyValuePair.Create("OpenAI-Organization", "org-x")]), "a vary header");
        }
    }

    private static void AddSometimes(Random random, JsonObject body, string name, JsonNode? value)
    {
        if (random.Next(5) < 2)
        {
            body[name] = value;
        }
    }

    private static void AddIfAbsentSometimes(Random random, JsonObject body, string name, JsonNode? value)
    {
        if (!body.ContainsKey(name) && random.Next(3) == 0)
        {
            body[name] = value?.DeepClone();
        }
    }
}
