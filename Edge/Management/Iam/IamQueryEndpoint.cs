using Microsoft.AspNetCore.WebUtilities;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Edge.Security.SigV4;

namespace OrleansGateway.Edge.Management.Iam;

/// <summary>
/// IAM's query protocol on the management listener: <c>POST /</c>, form-encoded
/// <c>Action=…&amp;Version=2010-05-08&amp;…</c>, signed by the admin key with scope service <c>iam</c>;
/// XML answers in IAM's namespace.
/// </summary>
internal static partial class IamQueryEndpoint
{
    /// <summary>The largest form accepted: a 2048-character policy, URL-encoded, fits many times over.</summary>
    public const int MaxFormBytes = 64 * 1024;

    /// <summary>Maps <c>POST /</c>.</summary>
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/", HandleAsync);

    private static async Task HandleAsync(HttpContext context, IamOperations operations, ILogger<IamOperations> logger)
    {
        var service = context.Features.Get<ISigV4CallerFeature>()?.Caller.Service;
        if (service == "wafv2")
        {
            // WAFv2's JSON protocol shares POST /; the signing service tells the two apart.
            await Waf.WafJsonEndpoint.HandleAsync(context);
            return;
        }
        if (service != "iam")
        {
            // Signed for API Gateway: POST / is not one of its operations.
            await new ManagementErrorResult(StatusCodes.Status404NotFound, "UnknownOperationException", "Unknown operation").ExecuteAsync(context);
            return;
        }
        string? action = null;
        try
        {
            var input = await ReadFormAsync(context);
            action = input.Action ?? throw new IamQueryException(StatusCodes.Status400BadRequest, "MissingAction", "Missing Action");
            var result = await operations.RunAsync(action, input);
            await IamXml.WriteAsync(context, action, result);
        }
        catch (IamQueryException e)
        {
            Log.Refused(logger, action ?? "(none)", e.Code);
            await IamXml.WriteErrorAsync(context, e.StatusCode, e.Code, e.Message);
        }
    }

    private static async Task<IamInput> ReadFormAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasFormContentType || request.ContentType?.Contains("multipart", StringComparison.OrdinalIgnoreCase) == true)
        {
            throw IamQueryException.Validation("Content-Type must be application/x-www-form-urlencoded.");
        }
        if (request.ContentLength > MaxFormBytes)
        {
            throw new IamQueryException(StatusCodes.Status413PayloadTooLarge, "RequestEntityTooLarge", "Request body too large.");
        }
        // The SigV4 middleware has buffered the (bounded) body already; read it with the same bound.
        var buffer = new byte[MaxFormBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
        {
            length += read;
        }
        if (length > MaxFormBytes)
        {
            throw new IamQueryException(StatusCodes.Status413PayloadTooLarge, "RequestEntityTooLarge", "Request body too large.");
        }
        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, length);
        return new IamInput(QueryHelpers.ParseQuery(text));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1421, Level = LogLevel.Information, Message = "IAM {Action} refused: {Code}")]
        public static partial void Refused(ILogger logger, string action, string code);
    }
}
