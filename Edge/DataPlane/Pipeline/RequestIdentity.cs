namespace OrleansGateway.Edge.DataPlane.Pipeline;

/// <summary>Creates and stamps the ids every execute-api response carries.</summary>
internal static class RequestIdentity
{
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string ExtendedRequestIdHeader = "x-amz-apigw-id";

    /// <summary>A new <see cref="ExecuteApiRequest"/> with fresh ids.</summary>
    public static ExecuteApiRequest Create(TimeProvider time)
    {
        var id = Guid.NewGuid();
        Span<byte> bytes = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(bytes);
        // API Gateway's extended ids look like 16 base64 characters ending in '=' (11 bytes).
        return new ExecuteApiRequest(id.ToString(), Convert.ToBase64String(bytes[..11]), time.GetUtcNow());
    }

    /// <summary>Sets the id headers (again, after a response was cleared or backend headers were copied).</summary>
    public static void Stamp(HttpResponse response, ExecuteApiRequest request)
    {
        response.Headers[RequestIdHeader] = request.RequestId;
        response.Headers[ExtendedRequestIdHeader] = request.ExtendedRequestId;
    }
}
