using System.Text;
using System.Text.Json.Nodes;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Tests.Keys.Variants;

/// <summary>The pure half of the legacy completions differential: one key per meaning, another key per change.</summary>
public sealed class CompletionsKeyVariantTests
{
    private const int Variants = 1000;
    private static readonly string[] Models = ["gpt-3.5-turbo-instruct", "davinci-002"];
    private static readonly KeyScope BaseScope = KeyScope.Create("/v1/completions", null, "p", []);

    private readonly CompletionsKeyBuilder _builder = new(KeySettings.Default);

    [Fact]
    public void TryBuild_SameRequestSpelledTwoWays_SameKey()
    {
        var random = new Random(20240631);
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
        var random = new Random(20240632);
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
        JsonNode prompt = random.Next(4) switch
        {
            0 => VariantText.Random(random),
            1 => new JsonArray(VariantText.Random(random), VariantText.Random(random)),
            2 => new JsonArray(Token(1), Token(2), Token(random.Next(50000))),
            _ => new JsonArray(new JsonArray(Token(1), Token(random.Next(50000))), new JsonArray(Token(3))),
        };
        var body = new JsonObject { ["model"] = VariantText.Pick(random, Models), ["prompt"] = prompt };
        Sometimes(random, body, "max_tokens", JsonValue.Create(random.Next(1, 512)));
        Sometimes(random, body, "temperature", VariantText.Pick(random, 0.0, 0.4, 0.9));
        Sometimes(random, body, "suffix", VariantText.Pick(random, " end", "\n"));
        Sometimes(random, body, "echo", true);
        Sometimes(random, body, "stop", new JsonArray("\n\n"));
        Sometimes(random, body, "logprobs", JsonValue.Create(random.Next(1, 5)));
        Sometimes(random, body, "seed", JsonNode.Parse(VariantText.Pick(random, "1", "9007199254740993"))!);
        return body;
    }

    private static JsonObject Spell(Random random, JsonObject meaning)
    {
        var body = meaning.DeepClone().AsObject();
        body["model"] = VariantText.Model(random, (string)body["model"]!);
        switch (body["prompt"])
        {
            case JsonArray texts when texts[0] is JsonValue:
                for (var i = 0; i < texts.Count; i++)
                {
                    if (texts[i]!.GetValueKind() == System.Text.Json.JsonValueKind.String)
                    {
                        texts[i] = VariantText.Exact(random, (string)texts[i]!);
                    }
                }

                break;
            case JsonValue text:
                body["prompt"] = VariantText.Exact(random, (string)text!);
                break;
        }

        foreach (var (name, value) in new (string, JsonNode)[]
        {
            ("temperature", 1), ("top_p", 1.0), ("n", 1), ("presence_penalty", 0), ("frequency_penalty", 0),
            ("echo", false), ("best_of", 1), ("max_tokens", 16),
        })
        {
            if (!body.ContainsKey(name) && random.Next(3) == 0)
            {
                body[name] = value;
            }
        }

        Sometimes(random, body, "stream", random.Next(2) == 0);
        Sometimes(random, body, "stream_options", new JsonObject { ["include_usage"] = true });
        Sometimes(random, body, "user", $"u{random.Next(100)}");
        Sometimes(random, body, "store", false);
        return body;
    }

    private static (JsonObject Body, KeyScope Scope, string What) Change(Random random, JsonObject meaning)
    {
        var body = meaning.DeepClone().AsObject();
        switch (random.Next(8))
        {
            case 0:
                body["model"] = Models.First(m => m != (string)body["model"]!);
                return (body, BaseScope, "another model");
            case 1:
                // A trailing space changes what a completion continues from.
                body["prompt"] = body["prompt"] switch
                {
                    JsonArray { Count: > 0 } array when array[0] is JsonArray => new JsonArray(array.Select(a => a!.DeepClone()).Append(new JsonArray(Token(9))).ToArray()),
                    JsonArray array when array[0]!.GetValueKind() == System.Text.Json.JsonValueKind.Number => new JsonArray(array.Select(a => a!.DeepClone()).Append(Token(9)).ToArray()),
                    JsonArray array => new JsonArray(array.Select(a => a!.DeepClone()).Select((a, k) => k == 0 ? (JsonNode)((string)a! + " ") : a).ToArray()),
                    var text => (string)text! + " ",
                };
                return (body, BaseScope, "another prompt");
            case 2:
                body["max_tokens"] = body["max_tokens"] is { } max ? (int)max + 1 : 17;
                return (body, BaseScope, "another max_tokens");
            case 3:
                body["echo"] = !body.ContainsKey("echo");
                return (body, BaseScope, "echo flipped");
            case 4:
                body["suffix"] = "other";
                return (body, BaseScope, "another suffix");
            case 5:
                body["best_of"] = 3;
                return (body, BaseScope, "best_of 3");
            case 6:
                return (body, KeyScope.Create("/v1/completions", "?api-version=1", "p", []), "a query");
            default:
                return (body, KeyScope.Create("/v1/completions", null, "q", []), "another partition");
        }
    }

    // Token ids stay integer literals in every spelling: 1.0 is not a token id.
    private static JsonNode Token(int id) => JsonSurface.Literal(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static void Sometimes(Random random, JsonObject body, string name, JsonNode? value)
    {
        if (random.Next(5) < 2)
        {
            body[name] = value;
        }
    }
}
