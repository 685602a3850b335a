using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace PauseResume.LoadRun;

/// <summary>
/// One start of a server, timed from just before its process is started: until it prints where it listens, and until
/// its first successful answer (the simulator: a legacy login that opens a session, SES-1 and SES-2; the baseline: its
/// fixed body). The request is sent once the address is printed, as a client that reads the banner does.
/// </summary>
public static partial class StartupProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <param name="login">Log in (the simulator) rather than GET / (the baseline).</param>
    public static async Task<StartupTime> TimeAsync(string fileName, IReadOnlyList<string> arguments, bool login)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start");
        try
        {
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line && Listening().Match(line) is { Success: true } match)
                {
                    listening.TrySetResult(new Uri(match.Groups["url"].Value));
                }
            };
            process.ErrorDataReceived += (_, _) => { };
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"{fileName} stopped before it listened"));
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var url = await listening.Task.WaitAsync(Timeout);
            var listened = clock.Elapsed;
            await AnswerAsync(url, login);
            return new StartupTime(listened.TotalMilliseconds, clock.Elapsed.TotalMilliseconds);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private static async Task AnswerAsync(Uri url, bool login)
    {
        // A new connection every time, as a test suite starting a simulator would open one.
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = url, Timeout = Timeout };
        using var request = login
            ? new HttpRequestMessage(HttpMethod.Post, "/callrec/loginAction.do") { Content = new FormUrlEncodedContent([new("login", "admin"), new("password", "admin")]) }
            : new HttpRequestMessage(HttpMethod.Get, "/");
        if (login)
        {
            request.Headers.Add("Cookie", "startup=1"); // SES-2: a login without any cookie is ignored
        }

        using var response = await client.SendAsync(request);
        var opened = !login || (response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal)));
        if (response.StatusCode != HttpStatusCode.OK || !opened)
        {
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}{(opened ? string.Empty : " without a session")}, not 200");
        }
    }

    [GeneratedRegex(@"listening on (?<url>https?://\S+)")]
    private static partial Regex Listening();
}
