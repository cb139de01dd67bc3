using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using OrleansGateway.Grains.Interfaces.Iam;

namespace OrleansGateway.Edge.Management.Iam;

/// <summary>IAM's query-protocol XML: <c>{Action}Response/{Action}Result</c>, <c>ResponseMetadata/RequestId</c>, and <c>ErrorResponse</c>.</summary>
internal static class IamXml
{
    /// <summary>IAM's XML namespace.</summary>
    public static readonly XNamespace Namespace = "https://iam.amazonaws.com/doc/2010-05-08/";

    /// <summary>A successful response; <paramref name="result"/> null for actions that return nothing.</summary>
    public static Task WriteAsync(HttpContext context, string action, IEnumerable<XElement>? result)
    {
        var response = new XElement(Namespace + (action + "Response"));
        if (result is not null)
        {
            response.Add(new XElement(Namespace + (action + "Result"), result));
        }
        response.Add(new XElement(Namespace + "ResponseMetadata", new XElement(Namespace + "RequestId", RequestId(context))));
        return WriteAsync(context, StatusCodes.Status200OK, response);
    }

    /// <summary>An error response.</summary>
    public static Task WriteErrorAsync(HttpContext context, int statusCode, string code, string message) =>
        WriteAsync(context, statusCode, new XElement(Namespace + "ErrorResponse",
            new XElement(Namespace + "Error",
                new XElement(Namespace + "Type", statusCode >= 500 ? "Receiver" : "Sender"),
                new XElement(Namespace + "Code", code),
                new XElement(Namespace + "Message", message)),
            new XElement(Namespace + "RequestId", RequestId(context))));

    /// <summary>IAM's <c>User</c> members.</summary>
    public static IEnumerable<XElement> User(IamUser user) =>
    [
        Element("Path", user.Path),
        Element("UserName", user.UserName),
        Element("UserId", user.UserId),
        Element("Arn", user.Arn),
        Element("CreateDate", Date(user.CreateDate)),
    ];

    /// <summary>IAM's <c>AccessKeyMetadata</c> members.</summary>
    public static IEnumerable<XElement> AccessKey(IamAccessKey key) =>
    [
        Element("UserName", key.UserName),
        Element("AccessKeyId", key.AccessKeyId),
        Element("Status", key.Active ? "Active" : "Inactive"),
        Element("CreateDate", Date(key.CreateDate)),
    ];

    /// <summary>One element in IAM's namespace.</summary>
    public static XElement Element(string name, object? content) => new(Namespace + name, content);

    /// <summary>A list, as IAM writes it: <c>&lt;name&gt;&lt;member&gt;…&lt;/member&gt;&lt;/name&gt;</c>.</summary>
    public static XElement Members(string name, IEnumerable<IEnumerable<XElement>> items) =>
        new(Namespace + name, items.Select(item => new XElement(Namespace + "member", item)));

    private static string Date(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string RequestId(HttpContext context) =>
        context.Items.TryGetValue(typeof(IamXml), out var id) && id is string s ? s : (string)(context.Items[typeof(IamXml)] = Guid.NewGuid().ToString());

    private static async Task WriteAsync(HttpContext context, int statusCode, XElement root)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/xml";
        context.Response.Headers["x-amzn-RequestId"] = RequestId(context);
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        await using var writer = XmlWriter.Create(context.Response.Body, settings);
        await root.WriteToAsync(writer, context.RequestAborted);
        await writer.FlushAsync();
    }
}
