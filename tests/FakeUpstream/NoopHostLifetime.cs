using Microsoft.Extensions.Hosting;

namespace FakeUpstream;

/// <summary>Keeps the embedded host from hooking Ctrl+C / SIGTERM of the hosting process (e.g. a test runner).</summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
