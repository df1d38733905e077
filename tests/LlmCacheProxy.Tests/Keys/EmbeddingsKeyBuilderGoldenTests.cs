using System.Globalization;
using LlmCacheProxy.Keys;
using static LlmCacheProxy.Tests.Keys.KeyTestHelper;

namespace LlmCacheProxy.Tests.Keys;

public sealed class EmbeddingsKeyBuilderGoldenTests
{
    private const string HelloHash = "434fe2801aed1e32fdfb77557b29f6ee4d9bd7f014fadd5612cc1817b692ad27";
    private const string DecomposedHash = "84552ca96964423d950af13cfd5cacf051636f3ebec2a41672bd4289722f232c";
    private const string TokensHash = "36f4c035234aa1c6370f8d7ad793acc5001a9eb23b7545146da1acd9409e083f";

    // The second item is "e" + U+0301 (not NFC): embeddings keep text exactly as sent.
    private const string Texts = """
        {"model": " Text-Embedding-3-Small", "input": ["Hello ", "e\u0301"], "dimensions": 256, "encoding_format": "base64", "user": "u"}
        """;

    private const string Tokens = """{"model":"text-embedding-3-small","input":[[1,2,3],[4]]}""";

    [Fact]
    public void TryParse_Texts_WritesSpecifiedCanonicalJsonPerItem()
    {
        var request = ParseEmbeddings(Texts);

        Assert.Equal(
            ["""{"endpoint":"embeddings","item":"Hello ","model":"text-embedding-3-small","params":{"dimensions":256},"partition":"","route":"/v1/embeddings","v":2,"vary":{}}""", """{"endpoint":"embeddings","item":"é","model":"text-embedding-3-small","params":{"dimensions":256},"partition":"","route":"/v1/embeddings","v":2,"vary":{}}"""],
            request.Items.Select(i => Text(i.Key.CanonicalJson)));
    }

    [Fact]
    public void TryParse_Texts_HaveGoldenHashes() =>
        Assert.Equal([HelloHash, DecomposedHash], ParseEmbeddings(Texts).Items.Select(i => i.Key.Hash));

    [Fact]
    public void TryParse_TokenArrays_WritesSpecifiedCanonicalJson()
    {
        Assert.Equal(
            """{"endpoint":"embeddings","item":[1,2,3],"model":"text-embedding-3-small","params":{},"partition":"","route":"/v1/embeddings","v":2,"vary":{}}""",
            Text(ParseEmbeddings(Tokens).Items[0].Key.CanonicalJson));
    }

    [Fact]
    public void TryParse_TokenArrays_HasGoldenHash() =>
        Assert.Equal(TokensHash, ParseEmbeddings(Tokens).Items[0].Key.Hash);

    [Fact]
    public void TryParse_UnderFrenchCulture_HasGoldenHashes()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fr-FR");

            Assert.Equal([HelloHash, DecomposedHash], ParseEmbeddings(Texts).Items.Select(i => i.Key.Hash));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void TryParse_Texts_ReportsRequestFacts()
    {
        var request = ParseEmbeddings(Texts);

        Assert.Equal(
            ("text-embedding-3-small", 256, "base64", EmbeddingsInputForm.Texts, false),
            (request.Model, request.Dimensions, request.EncodingFormat, request.InputForm, request.IsSingleInput));
    }

    [Fact]
    public void TryParse_Texts_ItemKeysDescribeEmbeddings()
    {
        var key = ParseEmbeddings(Texts).Items[0].Key;

        Assert.Equal(
            (KeyEndpoint.Embeddings, "text-embedding-3-small", false, false, 0.0, "text-embedding-3-small_434fe2801aed1e32"),
            (key.Endpoint, key.Model, key.Stream, key.IncludeUsage, key.Temperature, key.CacheId));
    }
}
