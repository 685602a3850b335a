using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace PauseResume.LoadRun;

/// <summary>
/// Start to first answer: the standalone simulator started as a child process again and again, each way it can be
/// started, alternated with the bare Kestrel baseline app started the same way, so a busy machine slows all of them
/// in the same round. Medians over the runs; the ratio is each round's first answer over the baseline's.
/// </summary>
public static class StartupRun
{
    private const string Simulator = "PauseResume.Simulator.Standalone";

    /// <summary>Runs with the options after <c>--startup</c>: 0 once the table is written, 2 for a bad option.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (StartupOptions.Parse(args, out var error) is not { } options)
        {
            (error is null ? Console.Out : Console.Error).WriteLine((error is null ? string.Empty : $"error: {error}\n\n") + StartupOptions.Usage);
            return error is null ? 0 : 2;
        }

        return await RunAsync(options);
    }

    private static async Task<int> RunAsync(StartupOptions options)
    {
        var root = Path.GetFullPath(options.Root ?? RepositoryRoot());
        var loadBefore = Machine.LoadAverage();
        var work = Directory.CreateTempSubdirectory("pauseresume-startup-");
        try
        {
            Console.WriteLine($"building and publishing the simulator of {root} (Release)");
            var built = (await DotnetAsync("build", Path.Combine(root, "simulator"), "-c", "Release", "-nologo", "-v", "q", "-t:Build", "-getProperty:TargetPath"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
            var published = Path.Combine(work.FullName, "publish");
            await DotnetAsync("publish", Path.Combine(root, "simulator"), "-c", "Release", "--use-current-runtime", "-p:PublishAot=false", "-nologo", "-v", "q", "-o", published);

            // A publish for a runtime is Native AOT (minutes of CPU); its own artifacts folder keeps its intermediate
            // files apart from the ReadyToRun publish's, which share obj/…/RID otherwise.
            Console.WriteLine("publishing the simulator with Native AOT (some minutes)");
            await NativeToolchain.EnsureInstalledAsync();
            var native = Path.Combine(work.FullName, "publish-aot");
            await DotnetAsync("publish", Path.Combine(root, "simulator"), "-c", "Release", "--use-current-runtime", "-p:PublishAot=true", "-nologo", "-v", "q",
                "--artifacts-path", Path.Combine(work.FullName, "artifacts-aot"), "-o", native);
            var body = Path.Combine(work.FullName, "body.xml");
            await File.WriteAllTextAsync(body, "<couples/>");

            string[] any = ["--urls", "http://127.0.0.1:0"];
            List<(string Name, string How, string File, string[] Arguments, bool Login)> servers =
            [
                ("bare Kestrel (the floor)", "`dotnet PauseResume.LoadRun.dll serve-baseline`", "dotnet", [typeof(StartupRun).Assembly.Location, "serve-baseline", body], false),
                ("simulator, `dotnet` on the Release build", $"`dotnet {Simulator}.dll` from `dotnet build -c Release`", "dotnet", [built, .. any], true),
                ("simulator, published ReadyToRun", $"`{Simulator}` from `dotnet publish -c Release --use-current-runtime -p:PublishAot=false`", Path.Combine(published, Simulator), any, true),
                ("simulator, published Native AOT", $"`{Simulator}` from `dotnet publish -c Release --use-current-runtime`", Path.Combine(native, Simulator), any, true),
            ];
            if (options.WithDotnetRun)
            {
                servers.Add(("simulator, `dotnet run`", "`dotnet run --project simulator` (Debug, build checked first)", "dotnet",
                    ["run", "--project", Path.Combine(root, "simulator"), "--", .. any], true));
            }

            var rounds = new List<IReadOnlyList<StartupTime>>();
            for (var round = 0; round <= options.Runs; round++)
            {
                var times = new List<StartupTime>();
                foreach (var server in servers)
                {
                    var time = await StartupProbe.TimeAsync(server.File, server.Arguments, server.Login);
                    Console.WriteLine($"{(round == 0 ? "warm-up" : $"run {round}")}: {server.Name}: listening {time.ListeningMs:F0} ms, first answer {time.AnsweredMs:F0} ms");
                    times.Add(time);
                }

                if (round > 0)
                {
                    rounds.Add(times); // the first round warms the disk cache, the build and this process's own HTTP client
                }
            }

            var markdown = Markdown(servers.Select(s => (s.Name, s.How)).ToList(), rounds, options, loadBefore);
            Console.WriteLine();
            Console.WriteLine(markdown);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
            await File.WriteAllTextAsync(options.Output, markdown);
            Console.WriteLine($"written to {options.Output}");
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Markdown(List<(string Name, string How)> servers, IReadOnlyList<IReadOnlyList<StartupTime>> rounds, StartupOptions options, string loadBefore)
    {
        var text = new StringBuilder();
        var started = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        text.AppendLine(CultureInfo.InvariantCulture, $"Start-up run of {started}: {options.Runs} timed start(s) of each server, alternated, after one start of each not counted. From just before the process starts: until it prints where it listens, and until its first successful answer (the simulator: `POST /callrec/loginAction.do` as admin, 200 with a session; the floor: `GET /`, 200), sent once the address is printed. Medians over the runs; the ratio is each run's first answer over the floor's in the same run.");
        text.AppendLine();
        text.AppendLine("| server | started as | listening, ms | first answer, ms | first answer, lowest–highest | ratio to the floor |");
        text.AppendLine("|---|---|---:|---:|---:|---:|");
        for (var i = 0; i < servers.Count; i++)
        {
            var answered = rounds.Select(r => r[i].AnsweredMs).ToList();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {servers[i].Name} | {servers[i].How} | {Median(rounds.Select(r => r[i].ListeningMs)):F0} | {Median(answered):F0} | {answered.Min():F0}–{answered.Max():F0} | {Median(rounds.Select(r => r[i].AnsweredMs / r[0].AnsweredMs)):F2}× |");
        }

        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}. Load average (1, 5, 15 min) before: {loadBefore}, after: {Machine.LoadAverage()}.");
        return text.ToString();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task<string> DotnetAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed: {await output}{await error}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PauseResume.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("run the start-up run from inside the repository, or give --repo");
    }
}
