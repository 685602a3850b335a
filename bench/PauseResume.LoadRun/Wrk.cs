using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PauseResume.LoadRun;

/// <summary>wrk from Debian: one thread, a few connections, latencies from its --latency distribution.</summary>
public static partial class Wrk
{
    /// <summary>Installs wrk with apt-get when it is not on the path.</summary>
    public static async Task EnsureInstalledAsync()
    {
        if (await RunAsync("sh", ["-c", "command -v wrk"]) is (0, _))
        {
            return;
        }

        Console.WriteLine("wrk is missing: installing it with apt-get");
        if (await RunAsync("apt-get", ["install", "-y", "-qq", "wrk"]) is not (0, _)
            && (await RunAsync("apt-get", ["update", "-qq"]) is not (0, _) || await RunAsync("apt-get", ["install", "-y", "-qq", "wrk"]) is not (0, _)))
        {
            throw new InvalidOperationException("wrk is not installed and apt-get could not install it (apt-get install wrk, as root)");
        }
    }

    public static async Task<string> VersionAsync() => (await RunAsync("wrk", ["-v"])).Output.Split('\n')[0].Split(" Copyright")[0].Trim();

    public static async Task<WrkResult> LoadAsync(Uri url, int seconds, int connections, string? script)
    {
        List<string> arguments = ["-t1", $"-c{connections}", $"-d{seconds}s", "--timeout", "5s", "--latency"];
        if (script is not null)
        {
            arguments.AddRange(["-s", script]);
        }

        arguments.Add(url.ToString());
        var (status, output) = await RunAsync("wrk", arguments);
        return status == 0 ? Parse(output) : throw new InvalidOperationException($"wrk failed ({status}): {output}");
    }

    internal static WrkResult Parse(string output) => new(
        double.Parse(Field(RequestsPerSecond(), output), CultureInfo.InvariantCulture),
        Latency(output, "50"),
        Latency(output, "99"),
        long.Parse(Field(RequestCount(), output), CultureInfo.InvariantCulture),
        NotSuccessful().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
        SocketErrors().Match(output) is { Success: true } s ? s.Groups[1].Value.Trim() : string.Empty);

    private static double Latency(string output, string percentile)
    {
        var match = new Regex($@"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline).Match(output);
        if (!match.Success)
        {
            throw new InvalidOperationException($"no {percentile}% latency in wrk's output: {output}");
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "ms" => value, _ => value * 1000 };
    }

    private static string Field(Regex regex, string output) =>
        regex.Match(output) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"wrk's output lacks {regex}: {output}");

    private static async Task<(int Status, string Output)> RunAsync(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in ")]
    private static partial Regex RequestCount();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NotSuccessful();

    [GeneratedRegex(@"Socket errors:(.*)")]
    private static partial Regex SocketErrors();
}
