using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OrleansGateway.Tests.Waf.Engine.DevEdge;

/// <summary>
/// Adds services to a host that <c>Program.Build</c> builds, the way WebApplicationFactory does:
/// the hosting layer announces every host it is about to build on the "Microsoft.Extensions.Hosting"
/// diagnostic listener ("HostBuilding"), and services configured then are applied before the
/// container is created. Only the host whose configuration has the given data-plane port is
/// touched, so edges other tests build in parallel are left alone. Dispose after the host is built.
/// </summary>
internal sealed class ServiceOverrideHook : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _dataPort;
    private readonly Action<IServiceCollection> _configure;
    private readonly IDisposable _allListeners;
    private readonly List<IDisposable> _subscriptions = [];

    public ServiceOverrideHook(int dataPort, Action<IServiceCollection> configure)
    {
        _dataPort = dataPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _configure = configure;
        _allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.Extensions.Hosting")
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == "HostBuilding" && value.Value is IHostBuilder builder)
        {
            builder.ConfigureServices((context, services) =>
            {
                if (context.Configuration["Gateway:DataPlane:HttpPort"] == _dataPort)
                {
                    _configure(services);
                }
            });
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _allListeners.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(subscription => subscription.Dispose());
        }
    }
}
