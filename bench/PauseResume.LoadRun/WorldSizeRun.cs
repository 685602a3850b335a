using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace PauseResume.LoadRun;

/// <summary>
/// The simulator on a world of N couples beside the same simulator on ten: how long each takes from start to its
/// first answer (the difference is the world's load), the RSS each holds (the difference over N is the memory per
/// couple), and the list filtered by phone number and by IP address on both, loaded by wrk in alternation so the
/// ratio holds on a noisy machine.
/// </summary>
public static class WorldSizeRun
{
    private const int Small = 10;
    private const int Seed = 10;
    private const string Couples = "/callrec/restful/couples.xml";

    public static async Task<int> RunAsync(LoadRunOptions options, int size)
    {
        var root = LoadRun.RepositoryRoot();
        await Wrk.EnsureInstalledAsync();
        var machine = await Machine.DescribeAsync();
        var work = Directory.CreateTempSubdirectory("pauseresume-worldsize-");
        try
        {
            var clock = Stopwatch.StartNew();
            var small = GeneratedWorld.Write(Path.Combine(work.FullName, "small.json"), Small, Seed);
            var large = GeneratedWorld.Write(Path.Combine(work.FullName, "large.json"), size, Seed);
            Console.WriteLine($"world files written in {clock.Elapsed.TotalSeconds:F1} s: {new FileInfo(large.Path).Length / 1_000_000.0:F1} MB for {size} calls");
            Console.WriteLine("building the simulator (Release)");
            var simulator = await LoadRun.BuildSimulatorAsync(root);

            var (smallServer, smallStart) = await StartAsync(simulator, small);
            using var smallDisposed = smallServer;
            var (largeServer, largeStart) = await StartAsync(simulator, large);
            using var largeDisposed = largeServer;
            var (smallCpu, largeCpu) = (CpuTime(smallServer), CpuTime(largeServer));
            Console.WriteLine($"start to first answer: {Small} couples {smallStart.TotalMilliseconds:F0} ms ({smallCpu.TotalMilliseconds:F0} ms CPU), {size} couples {largeStart.TotalMilliseconds:F0} ms ({largeCpu.TotalMilliseconds:F0} ms CPU)");
            var (smallRss, largeRss) = (Rss(smallServer), Rss(largeServer));
            Console.WriteLine($"RSS after the first answer: {smallRss / 1024.0:F0} MiB and {largeRss / 1024.0:F0} MiB: {(largeRss - smallRss) * 1024.0 / size:F0} bytes per couple");

            List<(string Name, Uri Url, string Path, string Script)> scenarios = [];
            foreach (var (by, value) in new[] { ("phoneNumber", (Func<GeneratedWorld, string>)(w => w.PhoneNumber)), ("ipAddress", w => w.IpAddress) })
            {
                foreach (var (world, server, name) in new[] { (small, smallServer, $"{Small} couples"), (large, largeServer, $"{size} couples") })
                {
                    var path = $"{Couples}?{by}={Uri.EscapeDataString(value(world))}";
                    var cookie = await LoginAsync(server.Url);
                    var listed = await ListedAsync(server.Url, cookie, path);
                    if (listed != 1)
                    {
                        throw new InvalidOperationException($"{path} listed {listed} couples on {name}, not the one couple that carries the value");
                    }

                    var script = Path.Combine(work.FullName, $"{by}-{world.Calls}.lua");
                    await File.WriteAllTextAsync(script, WrkScripts.WithCookie(cookie));
                    scenarios.Add(($"list by {by}, {name}", server.Url, path, script));
                }
            }

            foreach (var scenario in options.WarmUpSeconds > 0 ? scenarios : [])
            {
                Console.WriteLine($"warm-up: {scenario.Name}");
                await Wrk.LoadAsync(new Uri(scenario.Url, scenario.Path), options.WarmUpSeconds, options.Connections, scenario.Script);
            }

            var rounds = new List<IReadOnlyList<WrkResult>>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                var results = new List<WrkResult>();
                foreach (var scenario in scenarios)
                {
                    var result = await Wrk.LoadAsync(new Uri(scenario.Url, scenario.Path), options.Seconds, options.Connections, scenario.Script);
                    Console.WriteLine($"round {round}: {scenario.Name}: {result.RequestsPerSecond:F0} req/s, p50 {result.P50:F2} ms, p99 {result.P99:F2} ms");
                    results.Add(result);
                }

                rounds.Add(results);
            }

            var (smallRssAfter, largeRssAfter) = (Rss(smallServer), Rss(largeServer));
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"World-size run of {machine.Started}: the standalone simulator on a generated world of {size} calls beside the same on {Small}, each started alone.");
            text.AppendLine();
            text.AppendLine("| | " + Small + " couples | " + size + " couples | |");
            text.AppendLine("|---|---:|---:|---|");
            text.AppendLine(CultureInfo.InvariantCulture, $"| start to first answer | {smallStart.TotalMilliseconds:F0} ms | {largeStart.TotalMilliseconds:F0} ms | world load ≈ {(largeStart - smallStart).TotalMilliseconds:F0} ms |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| CPU time of the process up to then (all threads) | {smallCpu.TotalMilliseconds:F0} ms | {largeCpu.TotalMilliseconds:F0} ms | difference {(largeCpu - smallCpu).TotalMilliseconds:F0} ms |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| RSS after the first answer | {smallRss / 1024.0:F1} MiB | {largeRss / 1024.0:F1} MiB | {(largeRss - smallRss) * 1024.0 / size:F0} bytes per couple |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| RSS after the load rounds | {smallRssAfter / 1024.0:F1} MiB | {largeRssAfter / 1024.0:F1} MiB | {(largeRssAfter - smallRssAfter) * 1024.0 / size:F0} bytes per couple |");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"wrk, 1 thread, {options.Connections} connections, loopback; {options.Rounds} alternated round(s) of {options.Seconds} s after {options.WarmUpSeconds} s of warm-up each. Medians over the rounds; the ratio is each round's req/s at {size} over the same list's at {Small} in that round.");
            text.AppendLine();
            text.AppendLine("| scenario | req/s | req/s, lowest–highest round | p50 ms | p99 ms | ratio to ten couples | failed |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            for (var i = 0; i < scenarios.Count; i++)
            {
                var results = rounds.Select(r => r[i]).ToList();
                var rps = results.Select(r => r.RequestsPerSecond).ToList();
                var ratio = i % 2 == 0 ? "1.00×" : string.Create(CultureInfo.InvariantCulture, $"{Median(rounds.Select(r => r[i].RequestsPerSecond / r[i - 1].RequestsPerSecond)):F2}×");
                var failed = results.Sum(r => r.NotSuccessful + (r.SocketErrors.Length > 0 ? 1 : 0) + (r.Requests == 0 ? 1 : 0));
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {scenarios[i].Name} | {Median(rps):F0} | {rps.Min():F0}–{rps.Max():F0} | {Median(results.Select(r => r.P50)):F2} | {Median(results.Select(r => r.P99)):F2} | {ratio} | {failed} |");
            }

            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine.Processor}, {machine.Cores} cores; {machine.System}; {machine.Runtime}; {machine.Wrk}. Load average (1, 5, 15 min) before: {machine.LoadBefore}, after: {Machine.LoadAverage()}.");
            var markdown = text.ToString();
            Console.WriteLine();
            Console.WriteLine(markdown);
            var output = options.Output == Path.Combine("bench", "results", "load.md") ? Path.Combine("bench", "results", $"world-size-{size}.md") : options.Output;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            await File.WriteAllTextAsync(output, markdown);
            Console.WriteLine($"written to {output}");
            return rounds.SelectMany(r => r).All(r => r.NotSuccessful == 0 && r.SocketErrors.Length == 0 && r.Requests > 0) ? 0 : 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    // From before the process starts to the answer to its first login, as a client that starts it and waits would see it.
    private static async Task<(ChildServer Server, TimeSpan Start)> StartAsync(string simulator, GeneratedWorld world)
    {
        var clock = Stopwatch.StartNew();
        var server = await ChildServer.StartAsync($"the simulator on {world.Calls} calls", [simulator, "--world", world.Path, "--urls", "http://127.0.0.1:0"]);
        try
        {
            await LoginAsync(server.Url);
            return (server, clock.Elapsed);
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private static async Task<string> LoginAsync(Uri simulator)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = simulator, Timeout = TimeSpan.FromSeconds(60) };
        using var login = new HttpRequestMessage(HttpMethod.Post, "/callrec/loginAction.do")
        {
            Content = new FormUrlEncodedContent([new("login", GeneratedWorld.Login), new("password", GeneratedWorld.Password)]),
        };
        login.Headers.Add("Cookie", "worldsize=1"); // SES-2: a login without any cookie is ignored
        using var answer = await client.SendAsync(login);
        return answer.IsSuccessStatusCode && answer.Headers.TryGetValues("Set-Cookie", out var values)
            && values.Select(v => v.Split(';')[0]).FirstOrDefault(v => v.StartsWith("JSESSIONID=", StringComparison.Ordinal)) is { } cookie
            ? cookie
            : throw new InvalidOperationException($"login as {GeneratedWorld.Login} failed: {(int)answer.StatusCode}, no JSESSIONID");
    }

    private static async Task<int> ListedAsync(Uri simulator, string cookie, string path)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = simulator, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var answer = await client.SendAsync(request);
        return answer.StatusCode == HttpStatusCode.OK
            ? System.Xml.Linq.XDocument.Parse(await answer.Content.ReadAsStringAsync()).Root!.Elements("couples").Count()
            : throw new InvalidOperationException($"{path} answered {(int)answer.StatusCode}, not 200");
    }

    /// <summary>The resident set of the process in KiB, from /proc.</summary>
    private static long Rss(ChildServer server) =>
        File.ReadLines($"/proc/{server.ProcessId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var kib, ..]
            ? long.Parse(kib, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("no VmRSS in /proc");

    /// <summary>
    /// The CPU time the process has used, all threads, from /proc (in the kernel's 1/100 s ticks): on a machine
    /// shared with other work, wall time says how busy the machine was as much as how much work the start took.
    /// </summary>
    private static TimeSpan CpuTime(ChildServer server)
    {
        var stat = File.ReadAllText($"/proc/{server.ProcessId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
