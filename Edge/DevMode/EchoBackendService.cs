using Microsoft.Extensions.Options;

namespace OrleansGateway.Edge.DevMode;

/// <summary>Runs the echo backend beside the dev-mode gateway.</summary>
internal sealed class EchoBackendService(IOptions<DevModeOptions> options) : IHostedService
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.EchoBackendPort > 0)
        {
            _app = EchoBackend.Build(options.Value.EchoBackendPort);
            await _app.StartAsync(cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
            await _app.DisposeAsync();
        }
    }
}
