using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PauseResume.Simulator.Tests.Support;

/// <summary>
/// The standalone simulator, already built by the test run, on port 0, for tests over real HTTP through Kestrel: the
/// program <c>dotnet run --project simulator</c> runs, started with <c>dotnet</c> on its built assembly (as
/// <c>dotnet run</c> would, without the second or two it spends looking at the project each time), or with
/// <c>dotnet run</c> itself (<see cref="StartAsTheReadmeSaysAsync"/>). The address is read back from the banner; every
/// wait is bounded by a timeout and the current test's cancellation token, and waits on what the server prints.
/// </summary>
public sealed partial class StandaloneSimulator : IAsyncDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>Long enough for <c>dotnet run</c> on a busy build machine; a test waits for what the server says, not for this.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly List<string> output = [];
    private readonly List<(Func<string, bool> Wanted, TaskCompletionSource Seen)> waiters = [];

    private StandaloneSimulator(Process process) => this.process = process;

    public Uri Address { get; private set; } = null!;

    /// <summary>Standard output and standard error, line by line, as the server printed them.</summary>
    public IReadOnlyList<string> Output
    {
        get { lock (output) { return output.ToList(); } }
    }

    public static Task<StandaloneSimulator> StartAsync(params string[] options) => StartAsync(null, options);

    /// <summary>Starts the simulator with <paramref name="environment"/> added to this process's environment.</summary>
    public static Task<StandaloneSimulator> StartAsync(IReadOnlyDictionary<string, string>? environment, params string[] options) =>
        StartAsync(StartInfo(options, environment, dotnetRun: false));

    /// <summary>Starts the simulator (Linux) with at most <paramref name="openFiles"/> open files, set by the shell's <c>ulimit -n</c>.</summary>
    public static Task<StandaloneSimulator> StartWithOpenFilesAsync(int openFiles, params string[] options)
    {
        var start = StartInfo(options, null, dotnetRun: false);
        var arguments = start.ArgumentList.ToList();
        start.FileName = "bash";
        start.ArgumentList.Clear();
        foreach (var arg in (string[])["-c", $"ulimit -n {openFiles} && exec dotnet \"$@\"", "bash", .. arguments])
        {
            start.ArgumentList.Add(arg);
        }

        return StartAsync(start);
    }

    /// <summary>The process's id (under <see cref="StartWithOpenFilesAsync"/>, the shell's, which became the server).</summary>
    public int ProcessId => process.Id;

    /// <summary>Starts the simulator with the README's command, <c>dotnet run --project simulator</c> (not rebuilt).</summary>
    public static Task<StandaloneSimulator> StartAsTheReadmeSaysAsync(params string[] options) =>
        StartAsync(StartInfo(options, null, dotnetRun: true));

    private static async Task<StandaloneSimulator> StartAsync(ProcessStartInfo start)
    {
        var process = Process.Start(start)!;
        var simulator = new StandaloneSimulator(process);
        process.OutputDataReceived += (_, e) => simulator.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => simulator.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var banner = simulator.WaitForOutputAsync(line => Listening().IsMatch(line));
            var ended = process.WaitForExitAsync(TestContext.Current.CancellationToken);
            if (await Task.WhenAny(banner, ended) != banner)
            {
                throw new InvalidOperationException("the simulator ended before it listened:\n" + string.Join("\n", simulator.Output));
            }

            var line = simulator.Output.First(l => Listening().IsMatch(l));
            simulator.Address = new Uri(Listening().Match(line).Groups["url"].Value);
            return simulator;
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the simulator to its end (for options it must refuse): its exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunToExitAsync(IReadOnlyDictionary<string, string>? environment, params string[] options)
    {
        using var process = Process.Start(StartInfo(options, environment, dotnetRun: false))!;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bounded.CancelAfter(Patience);
        var standardOutput = process.StandardOutput.ReadToEndAsync(bounded.Token);
        var standardError = process.StandardError.ReadToEndAsync(bounded.Token);
        try
        {
            await process.WaitForExitAsync(bounded.Token);
            return (process.ExitCode, await standardOutput, await standardError);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true); // it listened when it should have refused: the test fails, the server goes
            }
        }
    }

    /// <summary>Completes when the server prints a line <paramref name="wanted"/> (or has printed one already).</summary>
    public Task WaitForOutputAsync(Func<string, bool> wanted)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (output)
        {
            if (output.Any(wanted))
            {
                return Task.CompletedTask;
            }

            waiters.Add((wanted, seen));
        }

        return seen.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Sends SIGTERM to the server process and returns its exit code. Not SIGINT (Ctrl+C): a shell starts background
    /// jobs with SIGINT ignored, and that disposition is inherited, so a test run in the background could never stop
    /// the server that way. The host stops the same graceful way on SIGTERM, as a service manager or <c>kill</c> sends it.
    /// </summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", ServerProcessId().ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        // dotnet run, where it started the server, waits for it and exits with its exit code.
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(Patience);
        }

        process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string[] options, IReadOnlyDictionary<string, string>? environment, bool dotnetRun)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Repository.Root,
        };

        // Port 0 unless the test gives --urls itself (the last one wins): the address is read back from the banner.
        string[] program = dotnetRun
            ? ["run", "--project", "simulator", "--no-build", "-c", Configuration, "--"]
            : [Path.Combine(Repository.Root, "simulator", "bin", Configuration, "net10.0", "PauseResume.Simulator.Standalone.dll")];
        foreach (var arg in (string[])[.. program, "--urls", "http://127.0.0.1:0", .. options])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource> seen;
        lock (output)
        {
            output.Add(line);
            seen = waiters.Where(w => w.Wanted(line)).Select(w => w.Seen).ToList();
            waiters.RemoveAll(w => seen.Contains(w.Seen));
        }

        seen.ForEach(s => s.TrySetResult());
    }

    /// <summary><c>dotnet run</c> starts the server as a child (a signal from a terminal reaches both); without it the process is the server.</summary>
    private int ServerProcessId()
    {
        var children = File.ReadAllText($"/proc/{process.Id}/task/{process.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return children.Length > 0 ? int.Parse(children[0], CultureInfo.InvariantCulture) : process.Id;
    }

    [GeneratedRegex(@"listening on (?<url>https?://\S+)")]
    private static partial Regex Listening();
}
