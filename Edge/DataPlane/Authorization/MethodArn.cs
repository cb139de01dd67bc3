using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.DataPlane.Authorization;

/// <summary>Builds <c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}</c>.</summary>
public static class MethodArn
{
    /// <summary>API Gateway refuses a method ARN longer than this (414).</summary>
    public const int MaxLength = 1600;

    /// <summary>
    /// The ARN of this request: the caller's HTTP method (not ANY) and the path as requested after
    /// the stage, without its leading slash, as API Gateway passes <c>methodArn</c> to authorizers.
    /// </summary>
    public static string For(string region, string accountId, ExecuteApiRequest request, string httpMethod, string requestPath)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(requestPath);
        // requestPath is "/{stage}/{rest}"; the ARN's path is {rest}.
        var afterStage = requestPath.AsSpan(requestPath.StartsWith('/') ? 1 : 0);
        var slash = afterStage.IndexOf('/');
        var rest = slash < 0 ? [] : afterStage[(slash + 1)..];
        return string.Concat($"arn:aws:execute-api:{region}:{accountId}:{request.ApiId}/{request.StageName}/{httpMethod}/", rest);
    }
}
