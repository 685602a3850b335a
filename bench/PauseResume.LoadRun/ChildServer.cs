using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PauseResume.LoadRun;

/// <summary>
/// A server under load in a process of its own. It is ready once it prints where it listens (the simulator's banner
/// line, or <see cref="Announce"/>); everything it prints after that is read and dropped, as a terminal would, in
/// blocks: the simulator prints a line per request, and reading them one by one (an event and a match per line) took
/// the harness's CPU from the server under load on a machine of two cores, which only the servers that print paid.
/// </summary>
public sealed partial class ChildServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process process;

    private ChildServer(Process process, Uri url)
    {
        this.process = process;
        Url = url;
    }

    /// <summary>The address the server bound and printed (port 0 or a free port, read back).</summary>
    public Uri Url { get; }

    /// <summary>The server's process, whose memory a run may read.</summary>
    public int ProcessId => process.Id;

    public static void Announce(string url)
    {
        Console.WriteLine($"listening on {url}");
        Console.Out.Flush();
    }

    public static async Task<ChildServer> StartAsync(string name, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { errors.Enqueue(line); } };
        process.BeginErrorReadLine();
        try
        {
            var url = await ListeningAsync(process.StandardOutput).WaitAsync(StartTimeout)
                ?? throw new InvalidOperationException($"{name} stopped before it listened: {string.Join(" | ", errors)}");
            _ = DrainAsync(process.StandardOutput);
            return new ChildServer(process, url);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    // The address of the first line that says where the server listens, or null if its output ends first.
    private static async Task<Uri?> ListeningAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                return new Uri(match.Groups["url"].Value);
            }
        }

        return null;
    }

    private static async Task DrainAsync(StreamReader output)
    {
        var block = new char[64 * 1024];
        while (await output.ReadAsync(block) > 0)
        {
        }
    }

    /// <summary>
    /// Waits for the server's first answer, which on a busy machine can take longer than a short load round: a round
    /// that ends before it would measure nothing.
    /// </summary>
    public async Task FirstAnswerAsync(string path, int bodyBytes)
    {
        using var client = new HttpClient { BaseAddress = Url, Timeout = StartTimeout };
        var body = await client.GetByteArrayAsync(path);
        if (body.Length != bodyBytes)
        {
            throw new InvalidOperationException($"{Url} answered {body.Length} bytes, not the {bodyBytes} of the simulator's answer");
        }
    }

    public void Dispose()
    {
        Stop(process);
        process.Dispose();
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    [GeneratedRegex(@"listening on (?<url>https?://\S+)")]
    private static partial Regex Listening();
}
