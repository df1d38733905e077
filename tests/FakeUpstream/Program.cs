using System.Globalization;
using System.Runtime.InteropServices;
using FakeUpstream;

// Usage: dotnet run --project tests/FakeUpstream -- --port 9000   (or env FAKE_UPSTREAM_PORT; default 0 = free port)
var port = 0;
var env = Environment.GetEnvironmentVariable("FAKE_UPSTREAM_PORT");
if (!string.IsNullOrWhiteSpace(env))
{
    port = int.Parse(env, CultureInfo.InvariantCulture);
}

for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--port" && i + 1 < args.Length)
    {
        port = int.Parse(args[++i], CultureInfo.InvariantCulture);
    }
    else if (args[i].StartsWith("--port=", StringComparison.Ordinal))
    {
        port = int.Parse(args[i]["--port=".Length..], CultureInfo.InvariantCulture);
    }
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

await using var server = await FakeOpenAiServer.StartAsync(port);
Console.WriteLine($"fake upstream listening on {server.BaseAddress.GetLeftPart(UriPartial.Authority)}");
await stop.Task;
