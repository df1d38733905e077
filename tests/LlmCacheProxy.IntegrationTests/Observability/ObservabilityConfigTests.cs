using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmCacheProxy.IntegrationTests.Admin;
using LlmCacheProxy.IntegrationTests.Infrastructure;

namespace LlmCacheProxy.IntegrationTests.Observability;

/// <summary>
/// config/observability: the alert rules pass promtool's check and their own unit tests, the dashboard's queries
/// are valid PromQL, and every series either of them reads is one a running proxy exports.
/// </summary>
public sealed partial class ObservabilityConfigTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "config", "observability");
    private const string Rules = "llmcache-alerts.yml";
    private const string RuleTests = "llmcache-alerts.test.yml";
    private const string Dashboard = "llmcache-dashboard.json";

    [Fact]
    public async Task AlertRules_PromtoolCheck_Passes()
    {
        var (exitCode, output) = await Promtool.RunAsync(Folder, "check", "rules", Rules);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS: 5 rules found", output);
    }

    [Fact]
    public async Task AlertRules_PromtoolUnitTests_FireOnTheFaultyInstanceOnly()
    {
        var (exitCode, output) = await Promtool.RunAsync(Folder, "test", "rules", RuleTests);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output);
    }

    /// <summary>Grafana's variables replaced by values, each query becomes a recording rule that promtool parses.</summary>
    [Fact]
    public async Task Dashboard_EveryQuery_IsValidPromQl()
    {
        using var dir = new TestDirectory();
        var rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        var queries = DashboardQueries().ToArray();
        for (int i = 0; i < queries.Length; i++)
        {
            string expr = queries[i].Replace("$__rate_interval", "5m", StringComparison.Ordinal)
                .Replace("$__range", "1h", StringComparison.Ordinal).Replace("$instance", ".*", StringComparison.Ordinal);
            rules.Append($"      - record: dashboard:q{i}\n        expr: {JsonSerializer.Serialize(expr)}\n");
        }

        await File.WriteAllTextAsync(Path.Combine(dir.Path, "dashboard-rules.yml"), rules.ToString());
        var (exitCode, output) = await Promtool.RunAsync(dir.Path, "check", "rules", "dashboard-rules.yml");

        Assert.True(queries.Length >= 15, $"only {queries.Length} queries found in the dashboard");
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void Dashboard_EveryPanel_ReadsTheDatasourceVariable()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, Dashboard)));
        var variables = json.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray().ToArray();
        var panels = json.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToArray();

        Assert.Contains(variables, v => v.GetProperty("type").GetString() == "datasource" && v.GetProperty("query").GetString() == "prometheus" &&
            v.GetProperty("name").GetString() == "datasource");
        Assert.All(panels, p => Assert.Equal("${datasource}", p.GetProperty("datasource").GetProperty("uid").GetString()));
        Assert.All(panels.SelectMany(p => p.GetProperty("targets").EnumerateArray()),
            t => Assert.Equal("${datasource}", t.GetProperty("datasource").GetProperty("uid").GetString()));
    }

    /// <summary>
    /// A proxy with every instrument in use: a miss and a hit, S3 on with nobody listening (an outbox, a degraded
    /// tier), and a delete that S3 refuses (a tier error). Instruments show in the scrape only once measured.
    /// </summary>
    [Fact]
    public async Task DashboardAndAlertRules_EverySeriesTheyRead_IsExportedByTheProxy()
    {
        await using var ctx = await ProxyTestContext.StartAsync(AdminApi.Settings(
            ("Cache:S3:Enabled", "true"), ("Cache:S3:ServiceUrl", $"http://127.0.0.1:{ClosedPort()}"), ("Cache:S3:Bucket", "nobody-home"),
            ("Cache:S3:ForcePathStyle", "true"), ("Cache:S3:AccessKey", "unused"), ("Cache:S3:SecretKey", "unused"),
            ("Cache:S3:LookupTimeoutMilliseconds", "500")));
        string key = "";
        for (int i = 0; i < 2; i++)
        {
            using var response = await ctx.Proxy.Http.SendAsync(ChatRequests.Body("series check"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            key = response.Header("X-Cache-Key")!;
        }

        await ctx.Proxy.FlushAsync();
        using var delete = (await ctx.Proxy.SendAsync(HttpMethod.Delete, $"admin/cache/entries/{key}")).Response;

        HashSet<string> exported = [];
        await Poll.UntilAsync(async () =>
        {
            exported = await ScrapeNamesAsync(ctx.Proxy.Http);
            return exported.Contains("llmcache_tier_errors_total") && exported.Contains("llmcache_outbox_depth");
        });
        var read = DashboardQueries().Concat(RuleExpressions()).SelectMany(PromQlSeries.In)
            .Concat(TemplatingMetrics()).ToHashSet(StringComparer.Ordinal);

        Assert.True(read.Count >= 12, $"only {read.Count} series names found: {string.Join(", ", read)}");
        Assert.All(read.Order(StringComparer.Ordinal), name => Assert.True(exported.Contains(name),
            $"{name} is read by config/observability but the proxy does not export it; exported: {string.Join(", ", exported.Order(StringComparer.Ordinal))}"));
    }

    private static IEnumerable<string> DashboardQueries()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, Dashboard)));
        return json.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToArray();
    }

    private static IEnumerable<string> TemplatingMetrics()
    {
        string text = File.ReadAllText(Path.Combine(Folder, Dashboard));
        return LabelValues().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToArray();
    }

    /// <summary>The <c>expr:</c> values of the rules file, single-line or YAML block scalars (<c>expr: |</c>).</summary>
    private static IEnumerable<string> RuleExpressions()
    {
        string[] lines = File.ReadAllLines(Path.Combine(Folder, Rules));
        for (int i = 0; i < lines.Length; i++)
        {
            var match = ExprLine().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            if (match.Groups[2].Value != "|")
            {
                yield return match.Groups[2].Value;
                continue;
            }

            int indent = match.Groups[1].Value.Length;
            var block = new StringBuilder();
            while (i + 1 < lines.Length && (lines[i + 1].Trim().Length == 0 || lines[i + 1].TakeWhile(c => c == ' ').Count() > indent))
            {
                block.AppendLine(lines[++i]);
            }

            yield return block.ToString();
        }
    }

    private static async Task<HashSet<string>> ScrapeNamesAsync(HttpClient http)
    {
        using var response = await http.GetAsync("metrics");
        string text = await response.Content.ReadAsStringAsync();
        return text.Split('\n').Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l[..l.IndexOfAny(['{', ' '])]).ToHashSet(StringComparer.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^(\s*)expr:\s*(.+?)\s*$")]
    private static partial Regex ExprLine();

    [GeneratedRegex(@"label_values\(([A-Za-z_:][A-Za-z0-9_:]*)")]
    private static partial Regex LabelValues();
}
