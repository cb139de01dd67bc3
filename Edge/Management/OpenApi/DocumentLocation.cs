namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Builds the human-readable locations import messages use, such as
/// <c>paths./pets/{id}.get.x-amazon-apigateway-integration.timeoutInMillis</c>: dotted names, not
/// JSON pointers, because path keys keep their slashes and read as the author wrote them.
/// </summary>
internal static class DocumentLocation
{
    /// <summary>The document's top level.</summary>
    public const string Root = "root";

    public static string Child(string parent, string name) => parent == Root ? name : parent + "." + name;

    public static string Index(string parent, int index) => parent + "[" + index + "]";

    public static string Operation(string path, string method) => "paths." + path + "." + method;
}
