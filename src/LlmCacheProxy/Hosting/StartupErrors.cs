using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace LlmCacheProxy.Hosting;

/// <summary>
/// Start-up problems an operator can fix stop the process with one line each and exit code 2, instead of a stack
/// trace: every configuration error (the options validators and <see cref="SettingTypeCheck"/> collect them all),
/// or an address already in use. Anything else is not recognised here and surfaces as the exception it is.
/// </summary>
internal static partial class StartupErrors
{
    public const int ExitCode = 2;

    /// <summary>
    /// The host logs a failed start at Error with the whole stack before the exception reaches Program.cs, which
    /// reports it itself; this category's Critical events (a background service stopping the host) still show.
    /// </summary>
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>What to print for <paramref name="exception"/>; null when it is not a start-up problem we know.</summary>
    public static string? Describe(Exception exception)
    {
        var all = Flatten(exception).ToArray();
        var failures = all.OfType<OptionsValidationException>().SelectMany(e => e.Failures)
            .Concat(all.OfType<StartupConfigurationException>().SelectMany(e => e.Failures))
            .Concat(all.Select(UnconvertibleValue).OfType<string>())
            .Distinct().ToArray();
        if (failures.Length > 0)
        {
            var text = new StringBuilder();
            text.AppendLine($"LlmCacheProxy did not start: {failures.Length} configuration error(s).");
            foreach (var failure in failures)
            {
                text.AppendLine("  - " + failure);
            }

            text.AppendLine("Settings come from config/appsettings.json, environment variables (Section__Key) and the command line (--Section:Key=value).");
            return text.ToString();
        }

        if (all.OfType<AddressInUseException>().Any())
        {
            string address = all.OfType<IOException>().Select(e => BindAddress().Match(e.Message)).FirstOrDefault(m => m.Success)?.Groups[1].Value
                ?? "the configured address";
            return $"LlmCacheProxy did not start: {address} is already in use by another process. Stop that process, or listen " +
                "elsewhere: Urls=http://127.0.0.1:8081 (or ASPNETCORE_URLS; Telemetry:Prometheus:Port for a metrics port).\n";
        }

        return null;
    }

    /// <summary>The binder's own conversion error (a value outside the options classes, e.g. YARP's section).</summary>
    private static string? UnconvertibleValue(Exception exception)
    {
        if (exception is not InvalidOperationException || BinderFailure().Match(exception.Message) is not { Success: true } match)
        {
            return null;
        }

        var type = typeof(StartupErrors).Assembly.GetType(match.Groups["type"].Value) ?? Type.GetType(match.Groups["type"].Value);
        string accepted = type is null ? "a " + match.Groups["type"].Value : SettingTypeCheck.Accepted(type);
        return $"{match.Groups["path"].Value} must be {accepted} (got '{match.Groups["value"].Value}').";
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

    // Kestrel: "Failed to bind to address http://127.0.0.1:8080: address already in use."
    [GeneratedRegex(@"address (\S+?): address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BindAddress();

    // ConfigurationBinder: "Failed to convert configuration value 'x' at 'A:B' to type 'T'."
    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<path>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex BinderFailure();
}
