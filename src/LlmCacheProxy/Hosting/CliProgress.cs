using System.Diagnostics;
using System.Globalization;
using LlmCacheProxy.Admin;
using Spectre.Console;

namespace LlmCacheProxy.Hosting;

/// <summary>
/// The CLI's progress, on standard error: a Spectre.Console bar with counts, rate and ETA on a terminal, plain lines
/// (every 2 s, and a last one) when the output is redirected (CI, logs, pipes).
/// </summary>
internal static class CliProgress
{
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(2);

    public static async Task<T> RunAsync<T>(string title, Func<IProgress<TransferProgress>, Task<T>> work)
    {
        if (Console.IsErrorRedirected)
        {
            return await PlainAsync(title, work).ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                var clock = Stopwatch.StartNew();
                var progress = new Progress<TransferProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = Math.Min(p.Done, task.MaxValue);
                    task.Description = Markup.Escape($"{title}: {Counts(p)}, {Rate(p, clock.Elapsed)}");
                });
                var result = await work(progress).ConfigureAwait(false);
                task.Value = task.MaxValue;
                return result;
            }).ConfigureAwait(false);
    }

    private static async Task<T> PlainAsync<T>(string title, Func<IProgress<TransferProgress>, Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        TransferProgress latest = default;
        var progress = new SyncProgress(p =>
        {
            latest = p;
            if (clock.Elapsed - last >= PlainEvery)
            {
                last = clock.Elapsed;
                Console.Error.WriteLine(Line(title, p, clock.Elapsed));
            }
        });
        var result = await work(progress).ConfigureAwait(false);
        Console.Error.WriteLine(Line(title, latest, clock.Elapsed));
        return result;
    }

    private static string Line(string title, TransferProgress p, TimeSpan elapsed)
    {
        string percent = p.Total > 0 ? string.Create(CultureInfo.InvariantCulture, $" {100.0 * p.Done / p.Total:F0}%") : "";
        string eta = p.Total > 0 && p.Done > 0 && p.Done < p.Total
            ? string.Create(CultureInfo.InvariantCulture, $", ETA {elapsed.TotalSeconds * (p.Total - p.Done) / p.Done:F0} s")
            : "";
        return $"{title}:{percent} {Counts(p)}, {Rate(p, elapsed)}{eta}";
    }

    private static string Counts(TransferProgress p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Lines:N0} lines ({p.Stored:N0} stored, {p.Skipped:N0} skipped, {p.Failed:N0} failed)");

    private static string Rate(TransferProgress p, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Lines / Math.Max(elapsed.TotalSeconds, 0.001):N0} lines/s");

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the pool and race the last line).</summary>
    private sealed class SyncProgress(Action<TransferProgress> report) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => report(value);
    }
}
