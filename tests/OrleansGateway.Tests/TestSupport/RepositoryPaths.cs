namespace OrleansGateway.Tests.TestSupport;

/// <summary>Finds the repository root (the folder holding OrleansGateway.sln) and the built programs in it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string EdgeDll => Built("Edge", "OrleansGateway.Edge.dll");

    public static string SiloDll => Built("Silo", "OrleansGateway.Silo.dll");

    private static string Built(string project, string dll)
    {
        // Use the same configuration the tests were built with.
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(Root, project, "bin", configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first: {path} is missing.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansGateway.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("OrleansGateway.sln not found above " + AppContext.BaseDirectory);
    }
}
