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
        // The stream takes at least 1.5 s after its headers; a 1 s timeout must not cut it. The
        // timeout leaves a whole second for the headers themselves, so a loaded CI host answering
        // the first request slowly does not turn this into a 504 (a 200 ms timeout did once).
        _gateway.Store.Apply(new TestApi().Route("/stream", "GET", TestApi.HttpProxy(_backend.Url + "/stream", timeoutInMillis: 1000)).Build(1));

        var response = await _gateway.GetAsync("/prod/stream?stream=30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = string.Concat(Enumerable.Range(0, 30).Select(i => $"chunk{i};"));
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
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
        await using var gateway = await GatewayUnderTest.StartAsync(inputLimits: true);
        gateway.Store.Apply(new TestApi().Route("/upload", "POST", TestApi.HttpProxy(_backend.Url + "/upload")).Build(1));
        var content = new StreamContent(new UnseekableZeroStream(ElevenMegabytes));

        var response = await gateway.SendAsync(HttpMethod.Post, "/prod/upload", content: content);

        Assert.Null(content.Headers.ContentLength);
        await ResponseAssertions.AssertGatewayErrorAsync(response, HttpStatusCode.RequestEntityTooLarge,
            "Request Too Long", "RequestTooLargeException");
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_gets_413_and_a_clean_close_while_the_client_is_still_sending()
    {
        // A raw client that writes all 11 MB before it reads: the edge must answer 413 and keep
        // reading what is sent after the answer, so every write succeeds and the close is a clean end
        // of stream, not a reset that would destroy the 413 before the client reads it.
        await using var gateway = await GatewayUnderTest.StartAsync(inputLimits: true);
        gateway.Store.Apply(new TestApi().Route("/upload", "POST", TestApi.HttpProxy(_backend.Url + "/upload")).Build(1));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(gateway.Address.Host, gateway.Address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"POST /prod/upload HTTP/1.1\r\nHost: {GatewayUnderTest.DefaultHost}\r\nTransfer-Encoding: chunked\r\n\r\n"));
        var chunk = new byte[64 * 1024];
        var header = System.Text.Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n");
        for (var sent = 0; sent < ElevenMegabytes; sent += chunk.Length)
        {
            await stream.WriteAsync(header);
            await stream.WriteAsync(chunk);
            await stream.WriteAsync("\r\n"u8.ToArray());
        }
        await stream.WriteAsync("0\r\n\r\n"u8.ToArray());

        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        var response = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 413 ", response, StringComparison.Ordinal);
        Assert.Contains("Connection: close", response, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("{\"message\":\"Request Too Long\"}", response, StringComparison.Ordinal);
        Assert.Equal(0, _backend.RequestsReceived);
    }

    [Fact]
    public async Task ChunkedBodyUnderTheLimitIsForwarded()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(inputLimits: true);
        gateway.Store.Apply(new TestApi().Route("/upload", "POST", TestApi.HttpProxy(_backend.Url + "/upload")).Build(1));

        var response = await gateway.SendAsync(HttpMethod.Post, "/prod/upload", content: new StreamContent(new UnseekableZeroStream(3 * 1024 * 1024)));

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
