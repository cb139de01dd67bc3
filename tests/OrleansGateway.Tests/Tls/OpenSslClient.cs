using System.Diagnostics;

namespace OrleansGateway.Tests.Tls;

/// <summary>
/// Runs <c>openssl s_client</c> against a listener, sends one HTTP/1.1 GET and returns what it
/// printed. A refused handshake shows as no HTTP status line (and an alert on stderr).
/// </summary>
internal static class OpenSslClient
{
    public sealed record Outcome(int ExitCode, string Output)
    {
        /// <summary>True when the gateway answered the request (any status) over the TLS session.</summary>
        public bool AnsweredHttp => Output.Contains("HTTP/1.1 ", StringComparison.Ordinal);

        /// <summary>True when the gateway answered the request with 200 over the TLS session.</summary>
        public bool Answered200 => Output.Contains("HTTP/1.1 200", StringComparison.Ordinal);

        /// <summary>The negotiated protocol (<c>TLSv1.3</c>...), or null when no session was established.</summary>
        /// <remarks>The "New, …, Cipher is" line names the cipher's protocol, not the session's; the session block has the real one.</remarks>
        public string? Protocol
        {
            get
            {
                if (!Output.Contains("New, ", StringComparison.Ordinal) || Output.Contains("Cipher is (NONE)", StringComparison.Ordinal))
                {
                    return null;
                }
                var match = System.Text.RegularExpressions.Regex.Match(Output, @"Protocol\s*:\s*(TLSv1(\.\d)?)");
                return match.Success ? match.Groups[1].Value : null;
            }
        }
    }

    public static async Task<Outcome> GetAsync(int port, string host, string path, string? caPath, string? certPath, string? keyPath, params string[] options)
    {
        // Without a CA file s_client reports the verify error and carries on, which is enough to test the protocol.
        var arguments = new List<string> { "s_client", "-connect", $"127.0.0.1:{port}", "-ign_eof" };
        if (caPath is not null)
        {
            arguments.AddRange(["-CAfile", caPath]);
        }
        if (certPath is not null)
        {
            arguments.AddRange(["-cert", certPath, "-key", keyPath!]);
        }
        arguments.AddRange(options);
        var start = new ProcessStartInfo("openssl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.StandardInput.WriteAsync($"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
            await process.StandardInput.FlushAsync();
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // openssl already exited (handshake refused before it read stdin).
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"openssl s_client {string.Join(' ', arguments)} did not finish within 20 s");
        }
        return new Outcome(process.ExitCode, await stdout + "\n" + await stderr);
    }
}
