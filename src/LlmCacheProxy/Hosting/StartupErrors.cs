using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Hosting;

/// <summary>
/// Bad configuration stops the process with every error listed, one a line, instead of a stack trace. The options
/// validators collect all their errors; the host aggregates them across features.
/// </summary>
internal static class StartupErrors
{
    public const int ExitCode = 2;

    /// <summary>Every configuration error inside <paramref name="exception"/>; empty when it is something else.</summary>
    public static IReadOnlyList<string> Failures(Exception exception) =>
        Flatten(exception).OfType<OptionsValidationException>().SelectMany(e => e.Failures).Distinct().ToArray();

    public static void Report(IReadOnlyList<string> failures, TextWriter output)
    {
        output.WriteLine($"LlmCacheProxy did not start: {failures.Count} configuration error(s).");
        foreach (var failure in failures)
        {
            output.WriteLine("  - " + failure);
        }

        output.WriteLine("Settings come from config/appsettings.json, environment variables (Section__Key) and the command line (--Section:Key=value).");
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        yield return exception;
        var inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var child in inner)
        {
            foreach (var nested in Flatten(child))
            {
                yield return nested;
            }
        }
    }
}
