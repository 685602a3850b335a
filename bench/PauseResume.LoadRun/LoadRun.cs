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
            var self = typeof(LoadRun).Assembly.Location;
            var listBody = await Body(work, "list.xml", session.FilteredListBody);
            using var listFloor = await ChildServer.StartAsync("the list's floor", [self, "serve-baseline", listBody]);
            using var detailsFloor = await ChildServer.StartAsync("the details' floor", [self, "serve-baseline", await Body(work, "details.xml", session.DetailsBody)]);
            using var pauseFloor = await ChildServer.StartAsync("the pause's floor", [self, "serve-baseline", await Body(work, "empty", []), "204"]);
            using var wireMock = options.WithWireMock ? await ChildServer.StartAsync("WireMock.Net", [self, "serve-wiremock", listBody]) : null;
            foreach (var server in new[] { listFloor, wireMock }.OfType<ChildServer>())
            {
                await server.FirstAnswerAsync(session.FilteredList, session.FilteredListBody.Length);
            }

            await detailsFloor.FirstAnswerAsync(session.Details, session.DetailsBody.Length);
            var cookie = await Script(work, "cookie.lua", WrkScripts.WithCookie(session.Cookie));
            var pause = await Script(work, "pause.lua", WrkScripts.PauseAndResume(session.Cookie, session.PausedStates));
            var spread = await Script(work, "pause-spread.lua", WrkScripts.PauseAndResumeSpread(session.Cookie, session.SpreadPausedStates));
            var bytes = session.FilteredListBody.Length;

            // Each simulator row right after its floor: the same requests (path, cookie, script) to a bare Kestrel that
            // answers what the simulator answers, so the script's own cost in wrk (a Lua function per pause) and the
            // answer's size are in both, and a ratio is the simulator's work alone.
            Scenario list = new("bare Kestrel, the list's answer (floor)", listFloor.Url, session.FilteredList, cookie, bytes);
            Scenario details = new("bare Kestrel, the details' answer (floor)", detailsFloor.Url, session.Details, cookie, session.DetailsBody.Length);
            Scenario paused = new("bare Kestrel, 204 to the alternated pauses (floor)", pauseFloor.Url, session.PausedStates[0], pause, 0);
            Scenario spreadPaused = new("bare Kestrel, 204 to the pauses in turn (floor)", pauseFloor.Url, session.SpreadPausedStates[0], spread, 0);
            List<Scenario> scenarios =
            [
                list,
                .. wireMock is null ? [] : new[] { new Scenario("WireMock.Net 1.25.0, static stub", wireMock.Url, session.FilteredList, cookie, bytes, list) },
                new("simulator: list filtered by phone number", simulator.Url, session.FilteredList, cookie, bytes, list),
                details,
                new("simulator: details", simulator.Url, session.Details, cookie, session.DetailsBody.Length, details),
                paused,
                new("simulator: pause and resume, alternated", simulator.Url, session.PausedStates[0], pause, 0, paused),
                spreadPaused,
                new($"simulator: pause and resume, {SimulatorSession.SpreadCouples} couples in turn", simulator.Url, session.SpreadPausedStates[0], spread, 0, spreadPaused),
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

    private static async Task<string> Body(DirectoryInfo work, string name, byte[] bytes)
    {
        var path = Path.Combine(work.FullName, name);
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    private static Task<string> Script(DirectoryInfo work, string name, string text) => Body(work, name, System.Text.Encoding.UTF8.GetBytes(text));

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
