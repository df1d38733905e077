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
catch (Exception e) when (StartupErrors.Failures(e) is { Count: > 0 } failures)
{
    StartupErrors.Report(failures, Console.Error);
    return StartupErrors.ExitCode;
}

return 0;
