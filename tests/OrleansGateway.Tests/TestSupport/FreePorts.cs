using System.Net;
using System.Net.Sockets;

namespace OrleansGateway.Tests.TestSupport;

/// <summary>Loopback ports that were free a moment ago, never handed out twice by one test run.</summary>
public static class FreePorts
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
