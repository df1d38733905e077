using System.Text;
using System.Text.Json.Nodes;
using LlmCacheProxy.Keys;

namespace LlmCacheProxy.Tests.Keys.Variants;

/// <summary>
/// The pure half of the embeddings differential, per item: every spelling of a request gives the same item keys in
/// the same order; changing one item changes that item's key only; changing what every vector depends on
/// changes them all.
/// </summary>
public sealed class EmbeddingsKeyVariantTests
{
    private const int Variants = 1000;
    private static readonly string[] Models = ["text-embedding-3-small", "text-embedding-3-large"];
    private static readonly KeyScope BaseScope = KeyScope.Create("/v1/embeddings", null, "p", []);

    private readonly EmbeddingsKeyBuilder _builder = new(KeySettings.Default);

    [Fact]
    public void TryParse_SameRequestSpelledTwoWays_SameItemKeys()
    {
        var random = new Random(20240621);
        for (var i = 0; i < Variants; i++)
        {
            var meaning = Meaning(random);
            var a = new JsonSurface(random).Render(Spell(random, meaning));
            var b = new JsonSurface(random).Render(Spell(random, meaning));

            Assert.True(KeysOf(a, BaseScope).SequenceEqual(KeysOf(b, BaseScope)), $"variant {i}: same request, different keys\n{a}\n{b}");
        }
    }

    [Fact]
    public void TryParse_OneItemChanged_OnlyThatItemKeyChanges()
    {
        var random = new Random(20240622);
        for (var i = 0; i < Variants; i++)
        {
            var meaning = Meaning(random);
            var changed = meaning.DeepClone().AsObject();
            var items = Items(changed);
            var index = random.Next(items.Count);
            items[index] = items[index] is JsonArray tokens
                ? new JsonArray(tokens.Select(t => t!.DeepClone()).Append(JsonSurface.Literal("7")).ToArray())
                : (string)items[index]! + VariantText.Pick(random, "x", " ", "\u0301");
            var before = KeysOf(new JsonSurface(random).Render(Spell(random, meaning)), BaseScope);
            var after = KeysOf(new JsonSurface(random).Render(Spell(random, changed)), BaseScope);

            Assert.All(Enumerable.Range(0, before.Length), k => Assert.Equal(k == index, before[k] != after[k]));
        }
    }

    [Fact]
    public void TryParse_SharedPartChanged_EveryItemKeyChanges()
    {
        var random = new Random(20240623);
        for (var i = 0; i < Variants; i++)
        {
            var meaning = Meaning(random);
            var changed = meaning.DeepClone().AsObject();
            var scope = BaseScope;
            switch (random.Next(5))
            {
                case 0:
                    changed["model"] = Models.First(m => m != (string)changed["model"]!);
                    break;
                case 1:
                    changed["dimensions"] = changed["dimensions"] is { } d ? (int)d * 2 : 64;
                    break;
                case 2:
                    changed["input_type"] = "query";
                    break;
                case 3:
                    scope = KeyScope.Create("/v1/embeddings", null, "other", []);
                    break;
                default:
                    scope = KeyScope.Create("/v1/embeddings", null, "p", [KeyValuePair.Create("OpenAI-Project", "proj")]);
                    break;
            }

            var before = KeysOf(new JsonSurface(random).Render(Spell(random, meaning)), BaseScope);
            var after = KeysOf(new JsonSurface(random).Render(Spell(random, changed)), scope);

            Assert.All(before.Zip(after), pair => Assert.NotEqual(pair.First, pair.Second));
        }
    }

    private string[] KeysOf(string json, KeyScope scope)
    {
        Assert.True(_builder.TryParse(Encoding.UTF8.GetBytes(json), scope, out var request), $"not cacheable:\n{json}");
        return request.Items.Select(item => item.Key.Hash).ToArray();
    }

    // Always a list (strings or token arrays); Spell may send a one-item list as its single item.
    private static JsonObject Meaning(Random random)
    {
        var tokens = random.Next(3) == 0;
        var items = new JsonArray();
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            items.Add(tokens
                ? new JsonArray(Enumerable.Range(0, random.Next(1, 5)).Select(_ => JsonSurface.Literal(random.Next(100000).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray())
                : VariantText.Random(random));
        }

        var body = new JsonObject { ["model"] = VariantText.Pick(random, Models), ["input"] = items };
        if (random.Next(2) == 0)
        {
            body["dimensions"] = VariantText.Pick(random, 256, 512, 1024);
        }

        return body;
    }

    private static JsonArray Items(JsonObject body) => body["input"]!.AsArray();

    private static JsonObject Spell(Random random, JsonObject meaning)
    {
        var body = meaning.DeepClone().AsObject();
        body["model"] = VariantText.Model(random, (string)body["model"]!);
        var items = Items(body);
        if (items.Count == 1 && random.Next(2) == 0)
        {
            body["input"] = items[0]!.DeepClone();
        }

        if (random.Next(3) > 0)
        {
            body["encoding_format"] = VariantText.Pick(random, "float", "base64", null!);
        }

        if (random.Next(3) == 0)
        {
            body["user"] = $"u{random.Next(100)}";
        }

        if (!body.ContainsKey("dimensions") && random.Next(4) == 0)
        {
            body["dimensions"] = null;
        }

        return body;
    }
}
