using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PauseResume.Simulator.Tests.Support;

/// <summary>
/// The standalone simulator started as the README says (<c>dotnet run --project simulator</c>, already built by the
/// test run, on a free loopback port), for tests over real HTTP through Kestrel.
/// </summary>
public sealed partial class StandaloneSimulator : IAsyncDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly Process process;
    private readonly List<string> output = [];

    private StandaloneSimulator(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public IReadOnlyList<string> Output
    {
        get { lock (output) { return output.ToList(); } }
    }

    public static async Task<StandaloneSimulator> StartAsync(params string[] options)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var arg in (string[])["run", "--project", "simulator", "--no-build", "-c", Configuration, "--", "--urls", "http://127.0.0.1:0", .. options])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new List<string>();
        void OnLine(string? line)
        {
            if (line is null)
            {
                listening.TrySetException(new InvalidOperationException("the simulator ended before it listened:\n" + string.Join("\n", lines)));
                return;
            }

            lock (lines)
            {
                lines.Add(line);
            }

            if (Listening().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["url"].Value));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { OnLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var simulator = new StandaloneSimulator(process, address);
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (simulator.output) { simulator.output.Add(e.Data); } } };
            lock (lines)
            {
                simulator.output.AddRange(lines);
            }

            return simulator;
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>Sends Ctrl+C (SIGINT) to the server process and returns its exit code.</summary>
    public async Task<int> InterruptAsync()
    {
        var server = ServerProcessId();
        using (var kill = Process.Start("kill", ["-INT", server.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        // dotnet run waits for the server and exits with its exit code.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary><c>dotnet run</c> starts the server as a child; Ctrl+C in a terminal reaches both.</summary>
    private int ServerProcessId()
    {
        var children = File.ReadAllText($"/proc/{process.Id}/task/{process.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return children.Length > 0 ? int.Parse(children[0], System.Globalization.CultureInfo.InvariantCulture) : process.Id;
    }

    [GeneratedRegex(@"listening on (?<url>http://\S+)")]
    private static partial Regex Listening();
}
