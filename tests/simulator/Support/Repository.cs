namespace PauseResume.Simulator.Tests.Support;

/// <summary>Finds the repository root (the folder of PauseResume.sln) from the test binaries.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PauseResume.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"PauseResume.sln not found above {AppContext.BaseDirectory}");
    }
}
