namespace OrleansGateway.Edge.Security.SigV4;

/// <summary>The query parameters of a presigned (query-string) SigV4 request.</summary>
internal static class SigV4QueryNames
{
    public const string Algorithm = "X-Amz-Algorithm";
    public const string Credential = "X-Amz-Credential";
    public const string Date = "X-Amz-Date";
    public const string Expires = "X-Amz-Expires";
    public const string SignedHeaders = "X-Amz-SignedHeaders";
    public const string Signature = "X-Amz-Signature";
    public const string SecurityToken = "X-Amz-Security-Token";
}
