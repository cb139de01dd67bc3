using OrleansGateway.Tests.TestSupport;

namespace OrleansGateway.Tests.Tls;

/// <summary>The default HTTPS listener (<c>Gateway:DataPlane:HttpsPort</c>) follows <c>Gateway:DataPlane:MinimumTlsVersion</c>.</summary>
public sealed class DefaultHttpsListenerTests : IAsyncLifetime
{
    private readonly InProcessDevEdge _edge = new();
    private readonly int _httpsPort = FreePorts.Next();

    public Task InitializeAsync()
    {
        _edge.Settings.AddRange([$"--Gateway:DataPlane:HttpsPort={_httpsPort}", "--Gateway:DataPlane:MinimumTlsVersion=1.3"]);
        return _edge.InitializeAsync();
    }

    [Fact]
    public async Task With_minimum_TLS_1_3_the_default_HTTPS_listener_answers_TLS_1_3_and_refuses_TLS_1_2_and_1_1()
    {
        var tls13 = await OpenSslClient.GetAsync(_httpsPort, "none.execute-api.localhost", "/prod/x", null, null, null, "-tls1_3");
        var tls12 = await OpenSslClient.GetAsync(_httpsPort, "none.execute-api.localhost", "/prod/x", null, null, null, "-tls1_2");
        var tls11 = await OpenSslClient.GetAsync(_httpsPort, "none.execute-api.localhost", "/prod/x", null, null, null, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");

        Assert.True(tls13.AnsweredHttp, tls13.Output);
        Assert.Equal("TLSv1.3", tls13.Protocol);
        Assert.False(tls12.AnsweredHttp, tls12.Output);
        Assert.Null(tls12.Protocol);
        Assert.False(tls11.AnsweredHttp, tls11.Output);
        Assert.Null(tls11.Protocol);
    }

    public Task DisposeAsync() => _edge.DisposeAsync();
}
