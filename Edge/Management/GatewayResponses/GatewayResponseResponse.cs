using OrleansGateway.Edge.DataPlane.GatewayResponses;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.GatewayResponses;

/// <summary>API Gateway's <c>GatewayResponse</c> shape.</summary>
internal sealed record GatewayResponseResponse(
    string ResponseType,
    string? StatusCode,
    IReadOnlyDictionary<string, string> ResponseParameters,
    IReadOnlyDictionary<string, string> ResponseTemplates,
    bool DefaultResponse)
{
    /// <summary>The default body template of every type, as GetGatewayResponse reports it.</summary>
    private static readonly IReadOnlyDictionary<string, string> DefaultTemplates =
        new Dictionary<string, string> { ["application/json"] = "{\"message\":$context.error.messageString}" };

    /// <summary>A customised response.</summary>
    public static GatewayResponseResponse From(GatewayResponseDefinition response) =>
        new(response.ResponseType, response.StatusCode, response.ResponseParameters, response.ResponseTemplates, false);

    /// <summary>The built-in response of <paramref name="responseType"/> (DEFAULT_4XX/5XX have no status).</summary>
    public static GatewayResponseResponse Default(string responseType)
    {
        var builtin = GatewayResponseTable.Default.All.FirstOrDefault(r => GatewayResponseTypeNames.AwsName(r.Type) == responseType);
        var status = builtin?.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new(responseType, status, new Dictionary<string, string>(), DefaultTemplates, true);
    }
}
