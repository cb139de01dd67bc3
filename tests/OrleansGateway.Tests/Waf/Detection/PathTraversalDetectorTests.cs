using OrleansGateway.Edge.DataPlane.Waf.Detection;

namespace OrleansGateway.Tests.Waf.Detection;

public sealed class PathTraversalDetectorTests
{
    [Theory]
    [InlineData("../../../../etc/passwd")]
    [InlineData("..\\..\\windows\\win.ini")]
    [InlineData("/static/..;/WEB-INF/web.xml")]
    [InlineData("..%2f..%2fetc%2fshadow")]
    [InlineData("%252e%252e/secret")]
    [InlineData("/proc/self/environ")]
    [InlineData("file=/home/app/.ssh/id_rsa")]
    [InlineData("/app/.env")]
    [InlineData("C:\\boot.ini")]
    [InlineData("/.git/config")]
    public void Detects_path_traversal_and_file_access(string value) =>
        Assert.True(PathTraversalDetector.IsPathTraversal(value), value);

    [Theory]
    [InlineData("/images/logo.png")]
    [InlineData("wait... what?")]
    [InlineData("foo../1234")]
    [InlineData("/config/test.environment")]
    [InlineData("1.2.3")]
    [InlineData("https://example.com/docs/index.html")]
    [InlineData("")]
    public void Leaves_ordinary_paths_alone(string value) =>
        Assert.False(PathTraversalDetector.IsPathTraversal(value), value);
}
