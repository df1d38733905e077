using LlmCacheProxy;
using LlmCacheProxy.Hosting;

if (HealthCheckCommand.TryRun(args, out int exitCode))
{
    return exitCode;
}

var app = LlmCacheProxyApp.Build(args);
app.Run();
return 0;
