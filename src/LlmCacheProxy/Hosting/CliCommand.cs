using System.Globalization;
using LlmCacheProxy.Admin;
using LlmCacheProxy.Caching;
using LlmCacheProxy.Keys;
using LlmCacheProxy.Proxy;
using LlmCacheProxy.Storage;

namespace LlmCacheProxy.Hosting;

/// <summary>
/// The <c>export</c> and <c>import</c> verbs, dispatched by Program.cs before the web host is built. They build the same
/// services from the same configuration (config/appsettings.json, environment, <c>--Section:Key=value</c>), open the
/// configured database, run, and stop the writer (which commits everything) without starting Kestrel or any
/// background work; the memory tier and the warm-up are off. Imported entries bound for S3 wait in the outbox for the
/// proxy's next start. Import here while the proxy is stopped; a running proxy takes imports on
/// <c>POST /admin/cache/import</c> (an export can run beside it). Exit codes: 0 done, 1 some lines failed (reported by
/// number), 2 bad arguments or configuration.
/// </summary>
internal static class CliCommand
{
    public const int Failed = 1;
    public const int Usage = 2;

    private const string Help = """
        Usage:
          LlmCacheProxy export --to FILE.jsonl [--model M] [--namespace N] [--since 2025-06-01T00:00:00Z]
          LlmCacheProxy import --from FILE.jsonl [--resume] [--client-key-env VAR]
          LlmCacheProxy import --openai-batch INPUT.jsonl --results OUTPUT.jsonl [--namespace N] [--resume] [--client-key-env VAR]
        --client-key-env VAR  the environment variable holding the API key of the caller the entries are for (passthrough
                              mode; hashed like any caller's key, never stored). Without it an export line keeps its own
                              partition; proxy-held mode always uses the shared one.
        Settings as for the proxy, e.g. --Cache:Sqlite:Path=data/llm-cache.db or Cache__Sqlite__Path.
        """;

    private static readonly HashSet<string> ExportOptions = ["--to", "--model", "--namespace", "--since"];
    private static readonly HashSet<string> ImportOptions = ["--from", "--openai-batch", "--results", "--namespace", "--client-key-env"];
    private static readonly HashSet<string> ImportFlags = ["--resume", "--help"];
    private static readonly HashSet<string> ExportFlags = ["--help"];

    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || args[0] is not ("export" or "import"))
        {
            return false;
        }

        exitCode = RunAsync(args).GetAwaiter().GetResult();
        return true;
    }

    private static async Task<int> RunAsync(string[] args)
    {
        bool export = args[0] == "export";
        var cli = CliArguments.Parse(args, export ? ExportOptions : ImportOptions, export ? ExportFlags : ImportFlags);
        ValidateShape(cli, export);
        if (cli.Has("--help") || cli.Errors.Count > 0)
        {
            foreach (string error in cli.Errors)
            {
                Console.Error.WriteLine($"LlmCacheProxy {cli.Verb}: {error}");
            }

            Console.Error.WriteLine(Help);
            return cli.Errors.Count > 0 ? Usage : 0;
        }

        WebApplication app;
        try
        {
            app = LlmCacheProxyApp.Build([.. cli.Configuration], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Cache:Memory:Enabled"] = "false",
                ["Cache:Warmup:Enabled"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
            }));
        }
        catch (Exception e) when (StartupErrors.Describe(e) is { } report)
        {
            Console.Error.Write(report);
            return StartupErrors.ExitCode;
        }

        await using (app)
        {
            using var stop = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            var services = app.Services;
            services.GetRequiredService<SqliteDatabase>().Open();
            services.GetRequiredService<EpochPersistence>().Load();
            services.GetRequiredService<PartitionResolver>().Load();
            var writer = services.GetRequiredService<SqliteWriter>();
            writer.Start();
            try
            {
                return export ? await ExportAsync(cli, services, stop.Token) : await ImportAsync(cli, services, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                Console.Error.WriteLine($"LlmCacheProxy {cli.Verb}: stopped; what was stored so far is kept (import again with --resume).");
                return Failed;
            }
            finally
            {
                await writer.StopAsync(CancellationToken.None);
            }
        }
    }

    private static void ValidateShape(CliArguments cli, bool export)
    {
        if (cli.Has("--help"))
        {
            return;
        }

        if (export)
        {
            if (cli.Value("--to") is null)
            {
                cli.Errors.Add("--to FILE is required.");
            }

            if (cli.Value("--since") is { } since && !TryParseTime(since, out _))
            {
                cli.Errors.Add("--since must be an ISO 8601 time, e.g. 2025-06-01T00:00:00Z.");
            }

            return;
        }

        bool batch = cli.Has("--openai-batch") || cli.Has("--results");
        if (batch == cli.Has("--from"))
        {
            cli.Errors.Add("give either --from FILE, or --openai-batch INPUT with --results OUTPUT.");
        }
        else if (batch && !(cli.Has("--openai-batch") && cli.Has("--results")))
        {
            cli.Errors.Add("--openai-batch INPUT and --results OUTPUT go together.");
        }

        if (cli.Value("--namespace") is { } ns && !CacheControl.IsValidNamespace(ns))
        {
            cli.Errors.Add("--namespace must be 1 to 64 characters from [a-zA-Z0-9._-].");
        }

        if (cli.Value("--client-key-env") is { } variable && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
        {
            cli.Errors.Add($"--client-key-env: the environment variable {variable} is not set.");
        }
    }

    private static async Task<int> ExportAsync(CliArguments cli, IServiceProvider services, CancellationToken cancellationToken)
    {
        string path = cli.Value("--to")!;
        string? model = cli.Value("--model") is { } m ? services.GetRequiredService<ChatKeyBuilder>().NormalizeModel(m) : null;
        DateTimeOffset? since = cli.Value("--since") is { } s && TryParseTime(s, out var at) ? at : null;
        var exporter = services.GetRequiredService<CacheExporter>();
        await using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var result = await CliProgress.RunAsync("export", progress =>
            exporter.ExportAsync(output, model, cli.Value("--namespace"), since, progress, cancellationToken));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"exported {result.Stored} entries to {path} ({result.Skipped} skipped: invalidated, expired or not readable with the configured keys)"));
        return 0;
    }

    private static async Task<int> ImportAsync(CliArguments cli, IServiceProvider services, CancellationToken cancellationToken)
    {
        var partitions = services.GetRequiredService<PartitionResolver>();
        string? client = cli.Value("--client-key-env") is { } variable ? Environment.GetEnvironmentVariable(variable) : null;
        string? partition = partitions.Resolve(client is null || client.StartsWith("Bearer ", StringComparison.Ordinal) ? client : "Bearer " + client);
        var settings = new ImportOptions(partition, cli.Has("--resume"), cli.Value("--namespace") ?? "");
        var importer = services.GetRequiredService<CacheImporter>();
        ImportResult result;
        if (cli.Value("--from") is { } from)
        {
            await using var input = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            result = await CliProgress.RunAsync("import", progress => importer.ImportAsync(input, input.Length, settings, progress, cancellationToken));
        }
        else
        {
            if (partition is null)
            {
                Console.Error.WriteLine("LlmCacheProxy import: passthrough mode: batch answers need the key of the caller they are for (--client-key-env VAR).");
                return Usage;
            }

            result = await CliProgress.RunAsync("import", progress =>
                importer.ImportBatchAsync(cli.Value("--openai-batch")!, cli.Value("--results")!, settings, progress, cancellationToken));
        }

        foreach (var error in result.Failed)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {error.Line}: {error.Error}"));
        }

        if (result.FailedCount > result.Failed.Count)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"... and {result.FailedCount - result.Failed.Count} more failed lines"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"imported {result.Imported} entries ({result.AlreadyStored} already stored, {result.Skipped} skipped, {result.FailedCount} failed lines)"));
        return result.FailedCount > 0 ? Failed : 0;
    }

    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
}
