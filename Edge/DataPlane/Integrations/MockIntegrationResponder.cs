using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>Answers MOCK integrations from their precompiled response; no backend is called.</summary>
internal static class MockIntegrationResponder
{
    public static Task RespondAsync(HttpContext context, ExecuteApiRequest request, CompiledMockResponse mock)
    {
        var response = context.Response;
        response.StatusCode = mock.StatusCode;
        response.ContentType = mock.ContentType;
        response.ContentLength = mock.Body.Length;
        foreach (var (name, value) in mock.Headers)
        {
            response.Headers[name] = value;
        }
        RequestIdentity.Stamp(response, request);
        return mock.Body.Length == 0 || HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(mock.Body).AsTask();
    }
}
