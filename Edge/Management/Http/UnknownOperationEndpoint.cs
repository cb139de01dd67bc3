namespace OrleansGateway.Edge.Management.Http;

/// <summary>
/// Any path or method the listener does not implement: 404 UnknownOperationException, in the same
/// error shape as every other failure, instead of ASP.NET Core's empty 404/405.
/// </summary>
internal static class UnknownOperationEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapFallback("{**path}", Handle);

    private static IResult Handle() =>
        new ManagementErrorResult(StatusCodes.Status404NotFound, "UnknownOperationException", "Unknown operation");
}
