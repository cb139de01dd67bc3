namespace OrleansGateway.Edge.DataPlane.Authorization.Jwt;

/// <summary>
/// A token whose signature, issuer and lifetime checked out: what the per-method checks
/// (audience, token use, scopes) and <c>$context.authorizer.claims.*</c> need, kept in the edge cache.
/// </summary>
/// <param name="Claims">Every payload claim, stringified (arrays and objects as JSON).</param>
/// <param name="Subject">The <c>sub</c> claim.</param>
/// <param name="Audiences">The <c>aud</c> claim (string or array).</param>
/// <param name="ClientId">The <c>client_id</c> claim.</param>
/// <param name="TokenUse">Cognito's <c>token_use</c> claim (<c>id</c> or <c>access</c>).</param>
/// <param name="Scopes">From <c>scope</c> (space-separated) or <c>scp</c> (array or string).</param>
/// <param name="ExpiresAt">The <c>exp</c> claim.</param>
internal sealed record ValidatedToken(
    IReadOnlyDictionary<string, string> Claims,
    string? Subject,
    IReadOnlyList<string> Audiences,
    string? ClientId,
    string? TokenUse,
    IReadOnlyList<string> Scopes,
    DateTimeOffset ExpiresAt);
