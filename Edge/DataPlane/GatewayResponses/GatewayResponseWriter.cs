using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.DataPlane.GatewayResponses;

/// <summary>Writes gateway responses; the one way the data plane answers with an error.</summary>
public static class GatewayResponseWriter
{
    private const string ErrorTypeHeader = "x-amzn-ErrorType";

    /// <summary>
    /// Answers the request with the gateway response of <paramref name="type"/> from the matched
    /// stage's table (or the defaults before a stage matched). Does nothing if the response has started.
    /// </summary>
    public static Task WriteGatewayResponseAsync(this HttpContext context, GatewayResponseType type) =>
        context.WriteGatewayResponseAsync(type, static (_, _) => { }, 0);

    /// <summary>
    /// Writes the gateway response for <paramref name="type"/> plus headers that <paramref name="addHeaders"/>
    /// sets from <paramref name="state"/> (e.g. <c>Retry-After</c>), after the response was cleared.
    /// </summary>
    public static Task WriteGatewayResponseAsync<TState>(
        this HttpContext context, GatewayResponseType type, Action<IHeaderDictionary, TState> addHeaders, TState state) =>
        context.WriteGatewayResponseAsync(type, null, addHeaders, state);

    /// <summary>
    /// As above, with the body's message replaced by <paramref name="message"/> when it is not null
    /// (<c>$context.error.message</c> varies for these, e.g. "User: anonymous is not authorized to
    /// perform: execute-api:Invoke on resource: arn:…"). The message is rendered per request, so
    /// this is for refusals, not for a path that must be allocation-free.
    /// </summary>
    public static Task WriteGatewayResponseAsync<TState>(
        this HttpContext context, GatewayResponseType type, string? message, Action<IHeaderDictionary, TState> addHeaders, TState state)
    {
        ArgumentNullException.ThrowIfNull(addHeaders);
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }
        var request = context.Features.Get<ExecuteApiRequest>();
        var gatewayResponse = (request?.GatewayResponses ?? GatewayResponseTable.Default)[type];

        response.Clear();
        response.StatusCode = gatewayResponse.StatusCode;
        response.ContentType = "application/json";
        var errorMessage = message ?? gatewayResponse.Message;
        var body = message is null ? gatewayResponse.Body : GatewayResponse.BodyFor(message);
        if (gatewayResponse.Templates.Count > 0 || gatewayResponse.Headers.Count > 0)
        {
            // Only customised responses render per request; the defaults stay a copy of bytes.
            var rendering = new GatewayResponseRendering(context, request, type, errorMessage);
            if (SelectTemplate(gatewayResponse.Templates, context.Request) is { } template)
            {
                response.ContentType = template.ContentType;
                body = template.Render(rendering);
            }
            foreach (var (name, value) in gatewayResponse.Headers)
            {
                // A mapping whose source is absent sends no header rather than an empty one.
                var text = value.Resolve(rendering);
                if ((text.Length > 0 || value.Source == GatewayResponseValueSource.Static) && IsHeaderValue(text))
                {
                    response.Headers[name] = text;
                }
            }
        }
        response.ContentLength = body.Length;
        response.Headers[ErrorTypeHeader] = gatewayResponse.ErrorType;
        if (request is not null)
        {
            RequestIdentity.Stamp(response, request);
            request.ErrorType = type;
            request.ErrorMessage = errorMessage;
        }
        addHeaders(response.Headers, state);
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>
    /// The template for the caller's <c>Accept</c> media type when there is one, else
    /// <c>application/json</c>'s, else the first; null when the response has no templates.
    /// </summary>
    private static GatewayResponseTemplate? SelectTemplate(IReadOnlyList<GatewayResponseTemplate> templates, HttpRequest request)
    {
        if (templates.Count == 0)
        {
            return null;
        }
        var accept = request.Headers.Accept.ToString();
        GatewayResponseTemplate? json = null;
        foreach (var template in templates)
        {
            if (accept.Length > 0 && accept.Contains(template.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                return template;
            }
            if (string.Equals(template.ContentType, "application/json", StringComparison.OrdinalIgnoreCase))
            {
                json = template;
            }
        }
        return json ?? templates[0];
    }

    /// <summary>A value Kestrel will send: a mapped stage variable or header must not break the response.</summary>
    private static bool IsHeaderValue(string value)
    {
        foreach (var c in value)
        {
            if ((c < 0x20 && c != '\t') || c == 0x7f)
            {
                return false;
            }
        }
        return true;
    }
}
