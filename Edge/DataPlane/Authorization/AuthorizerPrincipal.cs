namespace OrleansGateway.Edge.DataPlane.Authorization;

/// <summary>
/// Who the request was authorized as: what <c>$context.authorizer.*</c> and <c>$context.identity.*</c>
/// expose to mappings, integrations and the access log.
/// </summary>
public sealed record AuthorizerPrincipal
{
    /// <summary><c>$context.authorizer.principalId</c> (Lambda authorizers; the <c>sub</c> claim for JWT).</summary>
    public string? PrincipalId { get; init; }

    /// <summary><c>$context.authorizer.{key}</c>: a Lambda authorizer's <c>context</c>, values stringified.</summary>
    public IReadOnlyDictionary<string, string> Context { get; init; } = EmptyStrings;

    /// <summary><c>$context.authorizer.claims.{name}</c>: a verified token's claims, values stringified.</summary>
    public IReadOnlyDictionary<string, string> Claims { get; init; } = EmptyStrings;

    /// <summary>The token's scopes (JWT / Cognito access tokens).</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>A Lambda authorizer's <c>usageIdentifierKey</c>: the API key when the API's key source is AUTHORIZER.</summary>
    public string? UsageIdentifierKey { get; init; }

    /// <summary>The SigV4 caller (AWS_IAM methods); null otherwise.</summary>
    public IamCaller? Caller { get; init; }

    /// <summary>Names the principal without the API key a Lambda authorizer may have returned (never logged).</summary>
    public override string ToString() =>
        $"AuthorizerPrincipal {{ PrincipalId = {PrincipalId}, Caller = {Caller?.UserArn}, Claims = {Claims.Count}, Context = {Context.Count} }}";

    private static readonly IReadOnlyDictionary<string, string> EmptyStrings =
        System.Collections.Frozen.FrozenDictionary<string, string>.Empty;
}

/// <summary>A SigV4-authenticated caller, as <c>$context.identity.*</c> shows it.</summary>
/// <param name="AccessKey"><c>identity.accessKey</c>.</param>
/// <param name="AccountId"><c>identity.accountId</c>.</param>
/// <param name="Caller"><c>identity.caller</c> (the user id).</param>
/// <param name="User"><c>identity.user</c> (the user id).</param>
/// <param name="UserArn"><c>identity.userArn</c>, e.g. <c>arn:aws:iam::000000000000:user/alice</c>.</param>
public sealed record IamCaller(string AccessKey, string AccountId, string Caller, string User, string UserArn);
