using System.Diagnostics;

namespace PauseResume.LoadRun;

/// <summary>
/// The loopback load run: the floor (bare Kestrel), the peer (WireMock.Net) and the standalone simulator with a real
/// session, each loaded by wrk in turn, round after round, so every round's ratio compares servers measured under
/// the same noise.
/// </summary>
public static class LoadRun
{
    public static async Task<int> RunAsync(LoadRunOptions options)
    {
        var root = RepositoryRoot();
        await Wrk.EnsureInstalledAsync();
        var machine = await Machine.DescribeAsync();
        var work = Directory.CreateTempSubdirectory("pauseresume-loadrun-");
        try
        {
            Console.WriteLine("building the simulator (Release)");
            using var simulator = await ChildServer.StartAsync("the simulator", [await BuildSimulatorAsync(root), "--urls", "http://127.0.0.1:0"]);
            var session = await SimulatorSession.OpenAsync(simulator.Url);
            var body = Path.Combine(work.FullName, "body.xml");
            await File.WriteAllBytesAsync(body, session.FilteredListBody);
            var self = typeof(LoadRun).Assembly.Location;
            using var baseline = await ChildServer.StartAsync("the baseline", [self, "serve-baseline", body]);
            using var wireMock = options.WithWireMock ? await ChildServer.StartAsync("WireMock.Net", [self, "serve-wiremock", body]) : null;
            foreach (var server in new[] { baseline, wireMock }.OfType<ChildServer>())
            {
                await server.FirstAnswerAsync(session.FilteredList, session.FilteredListBody.Length);
            }

            var cookie = await Script(work, "cookie.lua", WrkScripts.WithCookie(session.Cookie));
            var bytes = session.FilteredListBody.Length;
            List<Scenario> scenarios =
            [
                new("bare Kestrel, fixed body (the floor)", baseline.Url, session.FilteredList, null, bytes),
                .. wireMock is null ? [] : new[] { new Scenario("WireMock.Net 1.25.0, static stub", wireMock.Url, session.FilteredList, null, bytes) },
                new("simulator: list filtered by phone number", simulator.Url, session.FilteredList, cookie, bytes),
                new("simulator: details", simulator.Url, session.Details, cookie, session.DetailsBytes),
                new("simulator: pause and resume, alternated", simulator.Url, session.PausedStates[0],
                    await Script(work, "pause.lua", WrkScripts.PauseAndResume(session.Cookie, session.PausedStates)), 0),
                new($"simulator: pause and resume, {SimulatorSession.SpreadCouples} couples in turn", simulator.Url, session.SpreadPausedStates[0],
                    await Script(work, "pause-spread.lua", WrkScripts.PauseAndResumeSpread(session.Cookie, session.SpreadPausedStates)), 0),
            ];

            if (options.WarmUpSeconds > 0)
            {
                foreach (var scenario in scenarios)
                {
                    Console.WriteLine($"warm-up: {scenario.Name}");
                    await Wrk.LoadAsync(scenario.Url, options.WarmUpSeconds, options.Connections, scenario.Script);
                }
            }

            var rounds = new List<IReadOnlyList<WrkResult>>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                var results = new List<WrkResult>();
                foreach (var scenario in scenarios)
                {
                    var result = await Wrk.LoadAsync(scenario.Url, options.Seconds, options.Connections, scenario.Script);
                    Console.WriteLine($"round {round}: {scenario.Name}: {result.RequestsPerSecond:F0} req/s, p50 {result.P50:F2} ms, p99 {result.P99:F2} ms");
                    results.Add(result);
                }

                rounds.Add(results);
            }

            var table = LoadTable.Make(scenarios, rounds);
            var markdown = LoadTable.Markdown(table, options, machine with { LoadAfter = Machine.LoadAverage() });
            Console.WriteLine();
            Console.WriteLine(markdown);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
            await File.WriteAllTextAsync(options.Output, markdown);
            Console.WriteLine($"written to {options.Output}");
            return table.All(row => row.Failed == 0) ? 0 : 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<string> Script(DirectoryInfo work, string name, string text)
    {
        var path = Path.Combine(work.FullName, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    // The simulator as the README runs it (its own command line, request log on), built in Release like the floor.
    internal static async Task<string> BuildSimulatorAsync(string root)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "build", Path.Combine(root, "simulator"), "-c", "Release", "-nologo", "-v", "q", "-t:Build", "-getProperty:TargetPath" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var path = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return process.ExitCode == 0 && path is not null && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"the simulator did not build: {output}{error}");
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PauseResume.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("run the load run from inside the repository (no PauseResume.sln above the current directory)");
    }
}
