using LlmCacheProxy;
using LlmCacheProxy.Hosting;

if (HealthCheckCommand.TryRun(args, out int exitCode) || CliCommand.TryRun(args, out exitCode))
{
    return exitCode;
}

try
{
    var app = LlmCacheProxyApp.Build(args);
    app.Run();
}
catch (Exception e) when (StartupErrors.Describe(e) is { } report)
{
    Console.Error.Write(report);
    return StartupErrors.ExitCode;
}

return 0;
