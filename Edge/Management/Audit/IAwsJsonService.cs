namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// An AWS JSON-protocol service served on the management listener at <c>POST /</c> (CloudTrail,
/// CloudWatch, EventBridge, Config), chosen by the service the caller signed for.
/// </summary>
public interface IAwsJsonService
{
    /// <summary>The SigV4 signing name (<c>cloudtrail</c>, <c>monitoring</c>, <c>events</c>, <c>config</c>).</summary>
    string SigningName { get; }

    /// <summary>The <c>X-Amz-Target</c> prefixes before the operation name, including the dot (SDKs send the short form, docs show the long one).</summary>
    IReadOnlyList<string> TargetPrefixes { get; }

    /// <summary>The protocol's content type (<c>application/x-amz-json-1.1</c> or <c>-1.0</c>).</summary>
    string ContentType { get; }

    /// <summary>Answers one operation; throws <see cref="AwsJsonException"/> for a client error.</summary>
    Task<object> HandleAsync(string operation, System.Text.Json.JsonElement input, HttpContext context);
}
