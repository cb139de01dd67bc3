using System.Diagnostics.CodeAnalysis;

namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>The outcome of verifying a request: either the signer's identity or a failure.</summary>
public sealed class SigV4VerificationResult
{
    private SigV4VerificationResult(SigV4Identity? identity, SigV4Failure? failure)
    {
        Identity = identity;
        Failure = failure;
    }

    /// <summary>The signer, when verification succeeded.</summary>
    public SigV4Identity? Identity { get; }

    /// <summary>Why verification failed, when it did.</summary>
    public SigV4Failure? Failure { get; }

    /// <summary>Whether the signature is valid.</summary>
    [MemberNotNullWhen(true, nameof(Identity))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Identity is not null;

    /// <summary>A successful result.</summary>
    public static SigV4VerificationResult Success(SigV4Identity identity) => new(identity, null);

    /// <summary>A failed result.</summary>
    public static SigV4VerificationResult Fail(SigV4Failure failure) => new(null, failure);
}
