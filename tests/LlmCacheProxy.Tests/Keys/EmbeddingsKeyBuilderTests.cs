using LlmCacheProxy.Keys;
using static LlmCacheProxy.Tests.Keys.KeyTestHelper;

namespace LlmCacheProxy.Tests.Keys;

public sealed class EmbeddingsKeyBuilderTests
{
    [Fact]
    public void TryParse_Batch_ItemsInInputOrder()
    {
        var ab = Hashes("""["a","b","c"]""");
        var cba = Hashes("""["c","b","a"]""");

        Assert.Equal(ab.Reverse(), cba);
    }

    [Fact]
    public void TryParse_DuplicatesInOneBatch_SameKey()
    {
        var hashes = Hashes("""["a","b","a"]""");

        Assert.Equal(hashes[0], hashes[2]);
        Assert.NotEqual(hashes[0], hashes[1]);
    }

    [Fact]
    public void TryParse_SingleStringVersusSameStringInBatch_SameKey()
    {
        Assert.Equal(Hashes("\"a\"")[0], Hashes("""["x","a"]""")[1]);
    }

    [Fact]
    public void TryParse_SingleTokenArrayVersusSameInBatch_SameKey()
    {
        Assert.Equal(Hashes("[1,2,3]")[0], Hashes("[[9],[1,2,3]]")[1]);
    }

    [Fact]
    public void TryParse_TokenOrder_DifferentKey()
    {
        Assert.NotEqual(Hashes("[1,2]")[0], Hashes("[2,1]")[0]);
    }

    [Fact]
    public void TryParse_TokensBeyond2Pow53_DifferentKey()
    {
        Assert.NotEqual(Hashes("[9007199254740992]")[0], Hashes("[9007199254740993]")[0]);
    }

    [Fact]
    public void TryParse_StringVersusTokenOfSameDigits_DifferentKey()
    {
        Assert.NotEqual(Hashes("\"5\"")[0], Hashes("[5]")[0]);
    }

    [Theory]
    [InlineData("\"caf\\u00e9\"", "\"cafe\\u0301\"")]
    [InlineData("\"Hello\"", "\"Hello \"")]
    [InlineData("\"Hello\"", "\"hello\"")]
    [InlineData("\"a\\nb\"", "\"a\\r\\nb\"")]
    [InlineData("\"a b\"", "\"a  b\"")]
    public void TryParse_TextThatDiffersAtAll_DifferentKey(string a, string b)
    {
        Assert.NotEqual(Hashes(a)[0], Hashes(b)[0]);
    }

    [Fact]
    public void TryParse_EscapedVersusLiteral_SameKey()
    {
        Assert.Equal(Hashes("\"café 😀\"")[0], Hashes("\"caf\\u00e9 \\ud83d\\ude00\"")[0]);
    }

    [Theory]
    [InlineData(",\"encoding_format\":\"base64\"")]
    [InlineData(",\"encoding_format\":\"float\"")]
    [InlineData(",\"encoding_format\":null")]
    [InlineData(",\"user\":\"alice\"")]
    [InlineData(",\"dimensions\":null")]
    public void TryParse_FieldOutsideTheKey_SameKey(string field)
    {
        Assert.Equal(Hashes("\"a\"")[0], Hashes("\"a\"", field)[0]);
    }

    [Theory]
    [InlineData(",\"dimensions\":256", ",\"dimensions\":512")]
    [InlineData("", ",\"dimensions\":1536")]
    [InlineData("", ",\"input_type\":\"query\"")]
    [InlineData(",\"truncate\":\"END\"", ",\"truncate\":\"START\"")]
    public void TryParse_ParamThatChangesTheVector_DifferentKey(string a, string b)
    {
        Assert.NotEqual(Hashes("\"a\"", a)[0], Hashes("\"a\"", b)[0]);
    }

    [Fact]
    public void TryParse_DimensionsAsIntegralFraction_SameKey()
    {
        Assert.Equal(Hashes("\"a\"", ",\"dimensions\":256")[0], Hashes("\"a\"", ",\"dimensions\":256.0")[0]);
    }

    [Fact]
    public void TryParse_ModelCaseAndSpaces_SameKey()
    {
        Assert.Equal(
            ParseEmbeddings("""{"model":"text-embedding-3-small","input":"a"}""").Items[0].Key.Hash,
            ParseEmbeddings("""{"model":" TEXT-embedding-3-small","input":"a"}""").Items[0].Key.Hash);
    }

    [Fact]
    public void TryParse_DifferentModel_DifferentKey()
    {
        Assert.NotEqual(
            ParseEmbeddings("""{"model":"text-embedding-3-small","input":"a"}""").Items[0].Key.Hash,
            ParseEmbeddings("""{"model":"text-embedding-3-large","input":"a"}""").Items[0].Key.Hash);
    }

    [Fact]
    public void TryParse_DifferentScope_DifferentKey()
    {
        const string Body = """{"model":"m","input":"a"}""";
        var plain = ParseEmbeddings(Body).Items[0].Key.Hash;

        Assert.All(
            [Scope("/v1/embeddings", "p"), Scope("/v1/embeddings", query: "?api-version=1"), Scope("/v1/embeddings", vary: ("OpenAI-Project", "x"))],
            scope => Assert.NotEqual(plain, ParseEmbeddings(Body, scope: scope).Items[0].Key.Hash));
    }

    [Fact]
    public void TryParse_Items_RawJsonAsSent()
    {
        var request = ParseEmbeddings("""{"model":"m","input":["caf\u00e9", "x"]}""");

        Assert.Equal(["\"caf\\u00e9\"", "\"x\""], request.Items.Select(i => Text(i.RawJson)));
    }

    [Fact]
    public void TryParse_TokenArrays_RawJsonAsSent()
    {
        var request = ParseEmbeddings("""{"model":"m","input":[[1, 2],[3]]}""");

        Assert.Equal(["[1, 2]", "[3]"], request.Items.Select(i => Text(i.RawJson)));
    }

    [Theory]
    [InlineData("\"a\"", "Text", true)]
    [InlineData("[\"a\",\"b\"]", "Texts", false)]
    [InlineData("[1,2]", "Tokens", true)]
    [InlineData("[[1],[2]]", "TokenArrays", false)]
    public void TryParse_InputForm_Reported(string input, string form, bool single)
    {
        var request = ParseEmbeddings($$"""{"model":"m","input":{{input}}}""");

        Assert.Equal((Enum.Parse<EmbeddingsInputForm>(form), single), (request.InputForm, request.IsSingleInput));
    }

    [Fact]
    public void TryParse_NoFormatOrDimensions_DefaultsReported()
    {
        var request = ParseEmbeddings("""{"model":"m","input":"a"}""");

        Assert.Equal((EmbeddingsRequest.Float, (int?)null), (request.EncodingFormat, request.Dimensions));
    }

    [Fact]
    public void TryParse_MaxItems_Accepted()
    {
        var input = "[" + string.Join(",", Enumerable.Range(0, EmbeddingsKeyBuilder.MaxItems).Select(i => $"\"t{i}\"")) + "]";

        Assert.Equal(2048, ParseEmbeddings($$"""{"model":"m","input":{{input}}}""").Items.Count);
    }

    [Fact]
    public void TryParse_MoreThanMaxItems_NotCacheable()
    {
        var input = "[" + string.Join(",", Enumerable.Range(0, EmbeddingsKeyBuilder.MaxItems + 1).Select(i => $"\"t{i}\"")) + "]";

        Assert.False(IsCacheableEmbeddings($$"""{"model":"m","input":{{input}}}"""));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("[]")]
    [InlineData("[\"\"]")]
    [InlineData("[\"a\",\"\"]")]
    [InlineData("[[]]")]
    [InlineData("[[1],[]]")]
    [InlineData("[1.5]")]
    [InlineData("[1.0]")]
    [InlineData("[1e2]")]
    [InlineData("[[1,\"a\"]]")]
    [InlineData("[[1,2.5]]")]
    [InlineData("[\"a\",1]")]
    [InlineData("[1,[2]]")]
    [InlineData("[[1],\"a\"]")]
    [InlineData("[null]")]
    [InlineData("[true]")]
    [InlineData("{\"text\":\"a\"}")]
    [InlineData("5")]
    [InlineData("null")]
    [InlineData("\"\\ud800\"")]
    public void TryParse_BadInput_NotCacheable(string input)
    {
        Assert.False(IsCacheableEmbeddings($$"""{"model":"m","input":{{input}}}"""));
    }

    [Theory]
    [InlineData("""{"model":"m"}""")]
    [InlineData("""{"input":"a"}""")]
    [InlineData("""{"model":3,"input":"a"}""")]
    [InlineData("""{"model":"m","input":"a","encoding_format":"int8"}""")]
    [InlineData("""{"model":"m","input":"a","encoding_format":"BASE64"}""")]
    [InlineData("""{"model":"m","input":"a","encoding_format":1}""")]
    [InlineData("""{"model":"m","input":"a","dimensions":"256"}""")]
    [InlineData("""{"model":"m","input":"a","dimensions":1.5}""")]
    [InlineData("""{"model":"m","input":"a","dimensions":1e400}""")]
    [InlineData("""{"model":"m","input":"a","input":"b"}""")]
    [InlineData("""[{"model":"m","input":"a"}]""")]
    [InlineData("""not json""")]
    public void TryParse_BadBody_NotCacheable(string body)
    {
        Assert.False(IsCacheableEmbeddings(body));
    }

    [Fact]
    public void TryParse_ModelOverLengthLimit_NotCacheable()
    {
        Assert.Equal(
            (true, false),
            (IsCacheableEmbeddings($$"""{"model":"{{new string('m', 200)}}","input":"a"}"""),
             IsCacheableEmbeddings($$"""{"model":"{{new string('m', 201)}}","input":"a"}""")));
    }

    private static string[] Hashes(string input, string fields = "") =>
        ParseEmbeddings($$"""{"model":"text-embedding-3-small","input":{{input}}{{fields}}}""").Items.Select(i => i.Key.Hash).ToArray();
}
