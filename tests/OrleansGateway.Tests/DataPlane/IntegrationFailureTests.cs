using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OrleansGateway.Tests.DataPlane;

/// <summary>Timeouts, unreachable backends and oversized bodies become gateway responses.</summary>
public sealed class IntegrationFailureTests : IAsyncLifetime
{
    private const int ElevenMegabytes = 11 * 1024 * 1024;

    private GatewayUnderTest _gateway = null!;
    private EchoBackend _backend = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayUnderTest.StartAsync();
        _backend = await EchoBackend.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _backend.DisposeAsync();
    }

    [Theory]
    [InlineData("HTTP_PROXY")]
    [InlineData("HTTP")]
    public async Task BackendSlowerThanTheTimeoutAnswers504(string type)
    {
        _gateway.Store.Apply(new TestApi().Route("/slow", "GET", TestApi.Integration(type, _backend.Url + "/slow?sleep=2000", "GET", 200,
            null, [], [TestApi.Response("default", "200")])).Build(1));
        var clock = Stopwatch.StartNew();

        var response = await _gateway.GetAsync("/prod/slow");

        clock.Stop();
        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.GatewayTimeout,
            "Endpoint request timed out", "InternalServerErrorException");
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task TimeoutCoversOnlyTheWaitForResponseHeaders()
    {
        // The stream takes ~250 ms after its headers; a 200 ms timeout must not cut it.
        _gateway.Store.Apply(new TestApi().Route("/stream", "GET", TestApi.HttpProxy(_backend.Url + "/stream", timeoutInMillis: 200)).Build(1));

        var response = await _gateway.GetAsync("/prod/stream?stream=5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chunk0;chunk1;chunk2;chunk3;chunk4;", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnreachableBackendAnswers502()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _gateway.Store.Apply(new TestApi().Route("/down", "GET", TestApi.HttpProxy($"http://127.0.0.1:{closedPort}/down")).Build(1));

        var response = await _gateway.GetAsync("/prod/down");

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.BadGateway,
            "Internal server error", "InternalServerErrorException");
    }

    [Fact]
    public async Task DeclaredBodyOverTheLimitAnswers413WithoutCallingTheBackend()
    {
        _gateway.Store.Apply(new TestApi().Route("/upload", "POST", TestApi.HttpProxy(_backend.Url + "/upload")).Build(1));

        var response = await _gateway.SendAsync(HttpMethod.Post, "/prod/upload", content: new ByteArrayContent(new byte[ElevenMegabytes]));

        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.RequestEntityTooLarge,
            "Request Too Long", "RequestTooLargeException");
        Assert.Equal(0, _backend.RequestsReceived);
    }

    [Fact]
    public async Task ChunkedBodyCrossingTheLimitAnswers413()
    {
        _gateway.Store.Apply(new TestApi().Route("/upload", "POST", TestApi.HttpProxy(_backend.Url + "/upload")).Build(1));
        var content = new StreamContent(new UnseekableZeroStream(ElevenMegabytes));

        var response = await _gateway.SendAsync(HttpMethod.Post, "/prod/upload", content: content);

        Assert.Null(content.Headers.ContentLength);
        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.RequestEntityTooLarge,
            "Request Too Long", "RequestTooLargeException");
    }

    [Fact]
    public async Task ChunkedBodyUnderTheLimitIsForwarded()
    {
        _gateway.Store.Apply(new TestApi().Route("/upload", "POST", TestApi.HttpProxy(_backend.Url + "/upload")).Build(1));

        var response = await _gateway.SendAsync(HttpMethod.Post, "/prod/upload", content: new StreamContent(new UnseekableZeroStream(3 * 1024 * 1024)));

        var echo = await ResponseAssertions.EchoAsync(response);
        Assert.Equal(3 * 1024 * 1024, echo.GetProperty("bodyLength").GetInt64());
        Assert.Equal("chunked", echo.Header("Transfer-Encoding"));
    }

    /// <summary>A body of zeros of a given length that cannot report its length, so it is sent chunked.</summary>
    private sealed class UnseekableZeroStream(long length) : Stream
    {
        private long _remaining = length;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = (int)Math.Min(count, _remaining);
            Array.Clear(buffer, offset, read);
            _remaining -= read;
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
