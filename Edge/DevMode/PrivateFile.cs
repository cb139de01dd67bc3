namespace OrleansGateway.Edge.DevMode;

/// <summary>Writes files that hold secrets with owner-only permissions (0600) from the first byte.</summary>
internal static class PrivateFile
{
    public static void Write(string path, string contents) => Write(path, System.Text.Encoding.UTF8.GetBytes(contents));

    public static void Write(string path, byte[] contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(path, options);
        stream.Write(contents);
    }
}
