using OrleansGateway.Edge.DataPlane.Waf.Detection;

namespace OrleansGateway.Tests.Waf.Detection;

public sealed class BadBotDetectorTests
{
    [Theory]
    [InlineData("sqlmap/1.7.2#stable (https://sqlmap.org)")]
    [InlineData("Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000001)")]
    [InlineData("Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)")]
    [InlineData("masscan/1.3 (https://github.com/robertdavidgraham/masscan)")]
    [InlineData("Mozilla/5.0 zgrab/0.x")]
    [InlineData("DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/89.0.4389.114 Safari/537.36 Nuclei")]
    [InlineData("WPScan v3.8.22 (https://wpscan.com/wordpress-security-scanner)")]
    [InlineData("SQLMAP")]
    public void Detects_scanner_user_agents(string value) =>
        Assert.True(BadBotDetector.IsBadBot(value), value);

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36")]
    [InlineData("curl/8.5.0")]
    [InlineData("python-requests/2.31.0")]
    [InlineData("Googlebot/2.1 (+http://www.google.com/bot.html)")]
    [InlineData("aws-sdk-js/3.400.0")]
    [InlineData("")]
    public void Leaves_browsers_and_honest_clients_alone(string value) =>
        Assert.False(BadBotDetector.IsBadBot(value), value);
}
