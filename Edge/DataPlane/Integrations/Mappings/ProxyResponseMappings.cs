using System.Collections.Frozen;
using System.Globalization;
using OrleansGateway.Edge.DataPlane.Pipeline;

namespace OrleansGateway.Edge.DataPlane.Integrations.Mappings;

/// <summary>
/// An HTTP_PROXY integration's HTTP API style <c>responseParameters</c>, compiled with the stage:
/// for the backend's status code, header operations on the response the caller gets and an
/// optional <c>overwrite:statuscode</c>.
/// </summary>
internal sealed class ProxyResponseMappings
{
    private readonly FrozenDictionary<int, StatusMappings> _byStatus;

    private ProxyResponseMappings(FrozenDictionary<int, StatusMappings> byStatus) => _byStatus = byStatus;

    /// <summary>No mappings.</summary>
    public static ProxyResponseMappings None { get; } = new(FrozenDictionary<int, StatusMappings>.Empty);

    /// <summary>Compiles <paramref name="parameters"/>; entries that do not compile are reported and skipped.</summary>
    public static ProxyResponseMappings Compile(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> parameters,
        IReadOnlyDictionary<string, string> stageVariables,
        Action<string> problem)
    {
        if (parameters.Count == 0)
        {
            return None;
        }
        var byStatus = new Dictionary<int, StatusMappings>();
        foreach (var (statusText, mappings) in parameters)
        {
            if (MappingRules.CheckStatusCode(statusText) is not null)
            {
                problem($"response parameters for status '{statusText}' are ignored: not a status code");
                continue;
            }
            var headers = new List<MappingOperation>();
            MappingExpression? status = null;
            foreach (var (key, value) in mappings)
            {
                if (MappingTarget.ParseResponse(key) is not { IsHttpApiSyntax: true } target)
                {
                    problem($"response parameter '{key}' for status {statusText} is not supported and ignored");
                    continue;
                }
                MappingExpression? expression = null;
                if (target.Action != MappingAction.Remove)
                {
                    expression = MappingExpression.ParseHttpApi(value, null, stageVariables, out var reason);
                    if (expression is null)
                    {
                        problem($"response parameter '{key}' for status {statusText}: {reason}; ignored");
                        continue;
                    }
                }
                if (target.Kind == MappingTargetKind.StatusCode)
                {
                    status = expression;
                }
                else
                {
                    headers.Add(new MappingOperation(target.Action, target.Name, expression));
                }
            }
            byStatus[int.Parse(statusText, CultureInfo.InvariantCulture)] = new StatusMappings(MappingOperation.InApplicationOrder(headers), status);
        }
        return new ProxyResponseMappings(byStatus.ToFrozenDictionary());
    }

    /// <summary>The mappings for a backend status, or null.</summary>
    public StatusMappings? For(int backendStatus) => _byStatus.GetValueOrDefault(backendStatus);
}

/// <summary>The response mappings of one backend status code.</summary>
internal sealed class StatusMappings(MappingOperation[] headers, MappingExpression? statusCode)
{
    /// <summary>True when a value reads the backend's body (it is buffered first).</summary>
    public bool ReadsResponseBody { get; } = statusCode?.ReadsResponseBody == true || headers.Any(h => h.Value?.ReadsResponseBody == true);

    /// <summary>Applies the operations to the caller's response (after the backend's headers were copied).</summary>
    public void Apply(HttpContext context, ExecuteApiRequest request, BackendResponseView backend)
    {
        var response = context.Response;
        foreach (var operation in headers)
        {
            if (operation.Action != MappingAction.Append)
            {
                response.Headers.Remove(operation.Name);
            }
            if (operation.Value is null)
            {
                continue;
            }
            var value = operation.Value.Read(context, request, backend).ToString();
            if (value.Length > 0)
            {
                response.Headers.Append(operation.Name, value);
            }
        }
        if (statusCode is not null
            && int.TryParse(statusCode.Read(context, request, backend).ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            && status is >= 100 and <= 599)
        {
            response.StatusCode = status;
        }
    }
}
