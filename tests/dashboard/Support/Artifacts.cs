namespace PauseResume.Dashboard.Tests.Support;

/// <summary>
/// Where a test keeps what CI should keep (a screenshot): the test run's results directory, as given to the runner
/// with <c>--results-directory</c>, else the runner's default, <c>TestResults</c> beside the test assembly.
/// </summary>
internal static class Artifacts
{
    public static string Directory()
    {
        var args = Environment.GetCommandLineArgs();
        var given = Array.IndexOf(args, "--results-directory");
        var directory = given >= 0 && given + 1 < args.Length ? args[given + 1] : Path.Combine(AppContext.BaseDirectory, "TestResults");
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }
}
