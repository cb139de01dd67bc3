using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OrleansGateway.Edge.Hosting;

[assembly: HostingStartup(typeof(OrleansGateway.Tests.Policies.TestListenerHostingStartup))]

namespace OrleansGateway.Tests.Policies;

/// <summary>
/// Test-only stand-in for the listener configuration: when an edge is started with
/// <c>--hostingStartupAssemblies=OrleansGateway.Tests</c>, a request carrying
/// <c>X-Test-Listener: private vpce-123</c> (or <c>public</c>) arrives "on" that listener, i.e. gets the
/// <see cref="DataPlaneListener"/> feature the listener would set. Edges started without the setting
/// never load this.
/// </summary>
public sealed class TestListenerHostingStartup : IHostingStartup
{
    /// <summary>The setting that loads this hosting startup into an edge built in this process.</summary>
    public const string Setting = "--hostingStartupAssemblies=OrleansGateway.Tests";

    /// <summary>The request header naming the listener: <c>private [vpce-id]</c> or <c>public</c>.</summary>
    public const string Header = "X-Test-Listener";

    public void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ListenerFromHeader>());

    private sealed class ListenerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var value))
                {
                    var parts = value.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var isPrivate = parts is ["private", ..];
                    context.Features.Set(new DataPlaneListener(parts[0], isPrivate, isPrivate && parts.Length > 1 ? parts[1] : null));
                    context.Request.Headers.Remove(Header);
                }
                return following(context);
            });
            next(app);
        };
    }
}
