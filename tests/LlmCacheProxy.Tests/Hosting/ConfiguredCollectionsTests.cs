using LlmCacheProxy.Hosting;
using Microsoft.Extensions.Configuration;

namespace LlmCacheProxy.Tests.Hosting;

public sealed class ConfiguredCollectionsTests
{
    private static T Bound<T>(T options, params (string Key, string? Value)[] settings) where T : class
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build().GetSection("Sample");
        section.Bind(options);
        ConfiguredCollections<T>.Replace(section, options);
        return options;
    }

    [Fact]
    public void Replace_DictionaryWithDefaults_HoldsOnlyTheConfiguredEntries()
    {
        var options = Bound(new SampleOptions(), ("Sample:Limits:b", "2"));

        Assert.Equal(["b"], options.Limits.Keys);
        Assert.Equal(2, options.Limits["B"]); // the default instance's comparer is kept
    }

    [Fact]
    public void Replace_ListAndArrayWithDefaults_HoldOnlyTheConfiguredItems()
    {
        var options = Bound(new SampleOptions(), ("Sample:Names:0", "y"), ("Sample:Tags:0", "u"), ("Sample:Tags:1", "v"));

        Assert.Equal(["y"], options.Names);
        Assert.Equal(["u", "v"], options.Tags);
    }

    [Fact]
    public void Replace_NestedOptionObject_ReplacesItsCollectionsToo()
    {
        var options = Bound(new SampleOptions(), ("Sample:Inner:Tags:0", "only"));

        Assert.Equal(["only"], options.Inner.Tags);
    }

    [Fact]
    public void Replace_SettingAbsent_KeepsEveryDefault()
    {
        var options = Bound(new SampleOptions(), ("Sample:Other", "1"));

        Assert.Equal(["a"], options.Limits.Keys);
        Assert.Equal(["x"], options.Names);
        Assert.Equal(["t"], options.Tags);
    }

    internal sealed class SampleOptions
    {
        public Dictionary<string, int> Limits { get; set; } = new(StringComparer.OrdinalIgnoreCase) { ["a"] = 1 };

        public List<string> Names { get; set; } = ["x"];

        public string[] Tags { get; set; } = ["t"];

        public string Other { get; set; } = "";

        public SampleInner Inner { get; set; } = new();
    }

    internal sealed class SampleInner
    {
        public string[] Tags { get; set; } = ["inner-default"];
    }
}
