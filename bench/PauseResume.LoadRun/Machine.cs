using System.Globalization;
using System.Runtime.InteropServices;

namespace PauseResume.LoadRun;

/// <summary>What the figures were measured on, read from the machine, and how busy it was before and after.</summary>
public sealed record Machine(string Processor, int Cores, string System, string Runtime, string Wrk, string Started, string LoadBefore, string LoadAfter)
{
    public static async Task<Machine> DescribeAsync()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? (await File.ReadAllLinesAsync("/proc/cpuinfo")).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return new Machine(
            cpu ?? RuntimeInformation.ProcessArchitecture.ToString(), Environment.ProcessorCount, RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription, await PauseResume.LoadRun.Wrk.VersionAsync(),
            TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            LoadAverage(), string.Empty);
    }

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine shows here.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
