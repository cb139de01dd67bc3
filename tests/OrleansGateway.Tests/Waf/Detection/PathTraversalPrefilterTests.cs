using OrleansGateway.Edge.DataPlane.Waf.Detection;

namespace OrleansGateway.Tests.Waf.Detection;

/// <summary>
/// The path traversal detector skips values with none of the characters its checks need. These
/// hold the signature lists to that: a signature added without one of them would be skipped, and
/// the prefilter would cost detections.
/// </summary>
public sealed class PathTraversalPrefilterTests
{
    public static TheoryData<string> Signatures() =>
        [.. PathTraversalDetector.TraversalStepSignatures, .. PathTraversalDetector.SensitiveFileSignatures];

    [Theory]
    [MemberData(nameof(Signatures))]
    public void Every_signature_passes_the_prefilter_and_is_detected_on_its_own(string signature)
    {
        Assert.True(PathTraversalDetector.MayMatch(signature), signature);
        Assert.True(PathTraversalDetector.IsPathTraversal(signature), signature);
        Assert.True(PathTraversalDetector.IsPathTraversal(signature.ToUpperInvariant()), signature);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("..\\x")]
    [InlineData("/app/.env")]
    [InlineData("a..\u2215b")]
    [InlineData("\uff0e\uff0e/x")]
    public void Parent_steps_and_dotenv_pass_the_prefilter(string value)
    {
        Assert.True(PathTraversalDetector.MayMatch(value), value);
        Assert.True(PathTraversalDetector.IsPathTraversal(value), value);
    }

    [Theory]
    [InlineData("blue widget")]
    [InlineData("ord-12345")]
    [InlineData("2025-03-14t09:26:53z")]
    public void Values_without_path_characters_are_skipped(string value) =>
        Assert.False(PathTraversalDetector.MayMatch(value), value);
}
