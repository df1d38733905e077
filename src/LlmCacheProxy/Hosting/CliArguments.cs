namespace LlmCacheProxy.Hosting;

/// <summary>
/// A CLI verb's options (<c>--name value</c>, <c>--flag</c>) apart from configuration overrides
/// (<c>--Section:Key=value</c>, passed to the host like the proxy's own command line).
/// </summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    private CliArguments(string verb) => Verb = verb;

    public string Verb { get; }

    public List<string> Configuration { get; } = [];

    public List<string> Errors { get; } = [];

    /// <param name="flags">Options that take no value.</param>
    public static CliArguments Parse(string[] args, IReadOnlySet<string> valued, IReadOnlySet<string> flags)
    {
        var parsed = new CliArguments(args[0]);
        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal))
            {
                parsed.Configuration.Add(arg);
            }
            else if (flags.Contains(arg))
            {
                parsed._options[arg] = null;
            }
            else if (valued.Contains(arg) && i + 1 < args.Length)
            {
                parsed._options[arg] = args[++i];
            }
            else
            {
                parsed.Errors.Add(valued.Contains(arg) ? $"{arg} needs a value." : $"unknown argument '{arg}'.");
            }
        }

        return parsed;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.TryGetValue(name, out var value) ? value : null;
}
