using System.Text.Json;

namespace FakeUpstream;

/// <summary>
/// A POST /v1/embeddings request, checked as OpenAI checks it: <c>input</c> is a non-empty string, a token array,
/// or a list (at most <see cref="MaxItems"/>) of non-empty strings or of non-empty token arrays.
/// </summary>
internal sealed class EmbeddingsRequest
{
    public const string DefaultModel = "text-embedding-fake";
    public const int DefaultDimensions = 8;
    public const int MaxDimensions = 4096;
    public const int MaxItems = 2048;

    private const string InvalidInput = "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";

    public string Model { get; private init; } = DefaultModel;
    public int Dimensions { get; private init; } = DefaultDimensions;
    public bool Base64 { get; private init; }
    public IReadOnlyList<EmbeddingItem> Items { get; private init; } = [];
    public Directives Directives { get; private init; } = Directives.None;

    /// <summary>Parses and checks a body; null with OpenAI's message and the offending parameter otherwise.</summary>
    public static EmbeddingsRequest? TryParse(byte[] body, out string? error, out string? param)
    {
        param = null;
        using var doc = RequestJson.TryParseObject(body, out error);
        if (doc is null)
        {
            return null;
        }

        var root = doc.RootElement;
        if (!TryDimensions(root, out var dimensions))
        {
            (error, param) = ($"Invalid 'dimensions': expected an integer from 1 to {MaxDimensions}.", "dimensions");
            return null;
        }

        var format = RequestJson.StringOrNull(root, "encoding_format");
        if (root.TryGetProperty("encoding_format", out var f) && f.ValueKind != JsonValueKind.Null && format is not ("float" or "base64"))
        {
            (error, param) = ("Invalid 'encoding_format': expected 'float' or 'base64'.", "encoding_format");
            return null;
        }

        var items = root.TryGetProperty("input", out var input) ? ReadItems(input) : null;
        if (items is null || items.Count is 0 or > MaxItems)
        {
            (error, param) = (InvalidInput, "input");
            return null;
        }

        return new EmbeddingsRequest
        {
            Model = RequestJson.String(root, "model", DefaultModel),
            Dimensions = dimensions,
            Base64 = format == "base64",
            Items = items,
            Directives = Directives.Parse(string.Join("\n", items.Select(i => i.Text).OfType<string>())),
        };
    }

    private static bool TryDimensions(JsonElement root, out int dimensions)
    {
        dimensions = DefaultDimensions;
        if (!root.TryGetProperty("dimensions", out var d) || d.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        return d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out dimensions) && dimensions is >= 1 and <= MaxDimensions;
    }

    /// <summary>The input items in order; null when the input has a shape OpenAI refuses.</summary>
    private static List<EmbeddingItem>? ReadItems(JsonElement input)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            var text = input.GetString() ?? "";
            return text.Length == 0 ? null : [EmbeddingItem.FromText(text)];
        }

        if (input.ValueKind != JsonValueKind.Array || input.GetArrayLength() == 0)
        {
            return null;
        }

        if (Tokens(input) is { } single)
        {
            return [EmbeddingItem.FromTokens(single)];
        }

        var items = new List<EmbeddingItem>();
        foreach (var element in input.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } text)
            {
                items.Add(EmbeddingItem.FromText(text));
            }
            else if (Tokens(element) is { } ids)
            {
                items.Add(EmbeddingItem.FromTokens(ids));
            }
            else
            {
                return null;
            }
        }

        // OpenAI takes a list of strings or a list of token arrays, not both.
        return items.All(i => i.Text is null) || items.All(i => i.Text is not null) ? items : null;
    }

    /// <summary>A non-empty array of integers, or null.</summary>
    private static List<int>? Tokens(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            return null;
        }

        var ids = new List<int>();
        foreach (var id in element.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt32(out var value) || value < 0)
            {
                return null;
            }

            ids.Add(value);
        }

        return ids;
    }
}
