using System.Globalization;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Probe;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Reports;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Cli;

/// <summary>
/// The kit's command: parse, connect, run (or probe), report. Exit codes are in <see cref="KitCommandLine.Description"/>;
/// an interrupted run against a real recorder puts back what it paused and prints the audit (exit 130).
/// </summary>
internal static class KitCommand
{
    public const int ExitInterrupted = 130;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, Func<ITarget>? inProcess = null, CancellationToken cancellationToken = default)
    {
        var started = TimeProvider.System.GetTimestamp(); // --budget counts from here: connecting and observing take time too
        var commandLine = KitCommandLine.Read(args, Random.Shared.Next(1, 1_000_000));
        if (commandLine.Options is not { } options)
        {
            return await commandLine.ReplyAsync(output, errors);
        }

        // A file that cannot be written is said before the run, not after it: a probe of minutes lost its findings to a
        // path whose folder did not exist.
        foreach (var (flag, path) in new[] { ("--probe", options.Probe), ("--report", options.Report), ("--junit", options.JUnit) })
        {
            if (path is not null && Unwritable(path) is { } why)
            {
                await errors.WriteLineAsync($"error: {flag} {path} cannot be written: {why}");
                return KitResult.ExitUsage;
            }
        }

        RealWorld? real = null;
        KitProfile? profile = null; // the audit of an interrupted run judges with it too (which couples a pause may reach)
        try
        {
            await using var target = options.Target is null
                ? (inProcess ?? (() => new InProcessTarget()))()
                : await HttpTarget.ConnectAsync(options.Target, options.ControlToken, cancellationToken, trusted: options.TrustedCertificates);
            var ownProfile = options.Target is not null && target.Control?.ServerProfile is { } own ? ProfileJson.Read(System.Text.Json.JsonDocument.Parse(own.ToJsonString()).RootElement) : null;
            profile = options.ProfileFor(ownProfile);
            var pace = target.Control is null ? TimeSpan.FromSeconds(1 / options.Rate) : TimeSpan.Zero;
            if (options.SettleFromProfile && options.Probe is null && options.Profile?.DetailsLag is { } lag)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"--settle {options.Settle.TotalSeconds:0.###} s: the probe that wrote the profile file saw the details show its pauses up to {lag.TotalSeconds:0.0} s late (PSE-1 does not say how soon they show one; give --settle to choose another wait)"));
            }

            if (options.Probe is not null)
            {
                return await ProbeAsync(options, target, pace, output, cancellationToken);
            }

            if (options.Compare is not null)
            {
                return await CompareAsync(options, target, pace, started, output, errors, cancellationToken);
            }

            if (options.Agents is { } agents)
            {
                real = target.Control is null && options.Accounts.Count > 0
                    ? await RealWorld.ObserveAsync(target, options.Accounts, options.Couples, options.AllowPause, pace, cancellationToken, progress: errors)
                    : null;
                return await AgentsAsync(options, agents, target, real, pace, output, errors, cancellationToken);
            }

            if (target.Control is null)
            {
                if (options.Accounts.Count == 0)
                {
                    await errors.WriteLineAsync($"error: {target.Description} has no simulator control API, so it is checked as a real recorder: give its accounts with --account LOGIN:PASSWORD:RIGHTS");
                    return KitResult.ExitUsage;
                }

                real = await RealWorld.ObserveAsync(target, options.Accounts, options.Couples, options.AllowPause, pace, cancellationToken, progress: errors);
            }

            var kit = new ConformanceKit(target, profile, errors)
            {
                Seed = options.Seed,
                Runs = options.Runs,
                MinChecks = options.MinChecks,
                MaxRuns = options.MaxRuns,
                Budget = options.Budget,
                StartedAt = started,
                Steps = options.Steps,
                OnlyRun = options.OnlyRun,
                Focus = options.Focus,
                Pace = pace,
                Settle = options.Settle,
                MeasuresLag = true,
                Real = real,
                WrongPasswords = options.WrongPasswords,
            };
            KitResult result;
            try
            {
                result = await kit.RunAsync(cancellationToken);
            }
            finally
            {
                await LeaveAsFoundAsync(options, target);
            }

            var set = options.Settings.Count == 0 ? string.Empty : $" with --set {string.Join(", ", options.Settings.Select(s => $"{s.Setting}={s.Value}"))}";
            var source = options.Profile is not null || options.Target is null ? (set.Length == 0 ? string.Empty : $" (the profile given{set})")
                : ownProfile is not null ? $" (the standalone simulator's own profile{set})" : $" (the default{set}; --probe records this recorder's)";
            ConsoleReport.Write(output, result, Replay(options), source);
            await WriteReportsAsync(options, result);
            return result.ExitCode(options.RequireAll);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await errors.WriteLineAsync("interrupted: the kit has sent its put-backs to the couples it paused; reading each again to check it is as found");
            RealWorld.Audit? audit;
            try
            {
                audit = real is null ? null : await real.AuditStoppedAsync(options.Settle, profile);
            }
            catch (Exception e) when (e is TargetException or HttpRequestException or Wire.StepFaultException or TaskCanceledException)
            {
                // The target went away (or stopped answering) after the stop: nothing could be read, so nothing is proven.
                audit = new RealWorld.Audit([], [$"the couples the kit may pause could not be read to check they are as found ({e.Message}): check each by hand"]);
            }

            foreach (var problem in audit?.Changed ?? [])
            {
                await errors.WriteLineAsync($"  AUDIT {problem}");
            }

            foreach (var problem in audit?.Unchecked ?? [])
            {
                await errors.WriteLineAsync($"  AUDIT UNCHECKED {problem}");
            }

            return ExitInterrupted;
        }
        catch (Exception e) when (e is TargetException or FormatException)
        {
            await errors.WriteLineAsync($"error: {e.Message}");
            return KitResult.ExitUsage;
        }
        catch (HttpRequestException e)
        {
            await errors.WriteLineAsync($"error: the target stopped answering: {e.Message}");
            return KitResult.ExitUsage;
        }
        catch (Wire.StepFaultException e)
        {
            // Outside a scenario (a probe, the observation of a real recorder, the agents' logins) a fault that came back
            // each time the request was sent again leaves nothing to go on with; the target answered, so it is a fault
            // met, not an unusable target.
            await errors.WriteLineAsync($"fault: a request outside any scenario met a fault each time it was sent: {e.Fault}");
            return KitResult.ExitFaulted;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await errors.WriteLineAsync("error: the target did not answer in time (30 s)");
            return KitResult.ExitUsage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"error: cannot write a report: {e.Message}");
            return KitResult.ExitUsage;
        }
    }

    /// <summary>Why the file cannot be written (its folder missing, no right to write there); null when it can, which opening it for writing proves, leaving a file that was there as it was.</summary>
    private static string? Unwritable(string path)
    {
        try
        {
            var existed = File.Exists(path);
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write))
            {
            }

            if (!existed)
            {
                File.Delete(path);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return e.Message;
        }
    }

    private static async Task<int> ProbeAsync(KitOptions options, ITarget target, TimeSpan pace, TextWriter output, CancellationToken cancellationToken)
    {
        ProbeResult probe;
        try
        {
            probe = await new Prober(target, options.Accounts, options.AllowPause ? options.Couples : [], pace) { Settle = options.Settle, Progress = output }.ProbeAsync(cancellationToken);
        }
        finally
        {
            await LeaveAsFoundAsync(options, target);
        }

        await File.WriteAllTextAsync(options.Probe!, probe.Json, cancellationToken);
        await output.WriteLineAsync($"Wrote what {target.Description} does where the rules are inferred to {options.Probe}: a profile; the simulator loads it with --profile-file, and so does the kit.");
        foreach (var line in probe.Summary)
        {
            await output.WriteLineAsync($"  {Reports.Printable.OneLine(line)}"); // a line may quote the recorder's headers
        }

        // A couple the probe may have left paused, or a hold it may have ended: a look by hand comes first (exit 5).
        foreach (var line in probe.ByHand)
        {
            await output.WriteLineAsync($"  AUDIT UNCHECKED {line}");
        }

        return probe.ByHand.Count > 0 ? KitResult.ExitFaulted : KitResult.ExitConformant;
    }

    private static async Task<int> CompareAsync(KitOptions options, ITarget recorder, TimeSpan pace, long started, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        await using var simulator = await HttpTarget.ConnectAsync(options.Compare!, options.ControlToken, cancellationToken, trusted: options.TrustedCertificates);
        try
        {
            var comparison = new Compare.Comparison(new ObservedTarget(recorder), simulator, options.Accounts, options.AllowPause ? options.Couples : [], pace, errors)
            {
                Seed = options.Seed,
                Runs = options.Runs,
                OnlyRun = options.OnlyRun,
                Steps = options.Steps,
                Budget = options.Budget,
                StartedAt = started,
                Settle = options.Settle,
            };
            var result = await comparison.RunAsync(cancellationToken);
            ComparisonReport.Write(output, result, recorder.Description, simulator.Description);
            if (options.Report is not null)
            {
                // The comparison's report is text already; --report keeps it as a file too, as a CI keeps a run's.
                var text = new StringWriter();
                ComparisonReport.Write(text, result, recorder.Description, simulator.Description);
                await File.WriteAllTextAsync(options.Report, text.ToString(), cancellationToken);
            }

            return result.ExitCode;
        }
        finally
        {
            if (simulator.Control is { } control)
            {
                await control.ResetToStartAsync(CancellationToken.None);
            }
        }
    }

    private static async Task<int> AgentsAsync(KitOptions options, int agents, ITarget target, RealWorld? real, TimeSpan pace, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var run = new Concurrency.AgentsRun(target, new Concurrency.AgentsPlan(agents, options.Operations, options.Seed, pace, options.OperationTimeout), errors)
        {
            Real = real,
            Accounts = options.Accounts,
            Settle = options.Settle,
            OneSessionPerUser = options.ProfileFor(null) is { OneSessionPerUser: true } or { FirstSessionWins: true },
            Profile = options.ProfileFor(null),
        };
        Concurrency.AgentsResult result;
        try
        {
            result = await run.RunAsync(cancellationToken);
        }
        finally
        {
            await LeaveAsFoundAsync(options, target);
        }

        var replay = string.Join(' ', [Invocation(), .. options.ReplayArgs.Select(Quote), "--seed", options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await output.WriteAsync(AgentsReport.Text(result, replay));
        if (options.Report is not null)
        {
            await File.WriteAllTextAsync(options.Report, AgentsReport.Markdown(result, replay), cancellationToken);
        }

        if (options.JUnit is not null)
        {
            JUnitReport.Save(AgentsReport.JUnit(result), options.JUnit);
        }

        return result.ExitCode(options.RequireAll);
    }

    private static async Task WriteReportsAsync(KitOptions options, KitResult result)
    {
        if (options.Report is not null)
        {
            await File.WriteAllTextAsync(options.Report, MarkdownReport.Write(result, Replay(options)));
        }

        if (options.JUnit is not null)
        {
            JUnitReport.Save(JUnitReport.Write(result), options.JUnit);
        }

        if (options.Repro is not null)
        {
            Directory.CreateDirectory(options.Repro);
            foreach (var failure in result.Failures)
            {
                var path = Path.Combine(options.Repro, ReproFileName(failure));
                await File.WriteAllTextAsync(path, failure.CurlScript);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
                }
            }
        }
    }

    /// <summary>The name of a failure's script: the rule the reports list it under (a setting's, where one explains it), broken or differs, and its run.</summary>
    internal static string ReproFileName(Failure failure) => $"{failure.Rule}-{(failure.BreaksDocumentedRule ? "broken" : "differs")}-run{failure.Run}.sh";

    /// <summary>The command that replays one failure: every flag the run needed, then the failure's seed and run.</summary>
    private static Func<Failure, int, string> Replay(KitOptions options) => (failure, seed) =>
        string.Join(' ', [Invocation(), .. options.ReplayArgs.Select(Quote), failure.ReplayFlags(seed)]);

    /// <summary>
    /// How a replay hint starts, as the kit was started: the installed tool's command where it runs as that tool (its
    /// process is the tool's launcher, named after the command; the launcher's path where its folder is not on
    /// <c>PATH</c>, as after <c>dotnet tool install --tool-path</c>), a local tool's <c>dotnet tool run</c> (the process is
    /// <c>dotnet</c>, the kit's assembly in the tool's package), else the repository's <c>dotnet run</c>.
    /// </summary>
    internal static string Invocation(string? processPath, string? assemblyPath, string? pathVariable)
    {
        const string Command = "pauseresume-kit";
        if (Path.GetFileNameWithoutExtension(processPath) is Command)
        {
            var folder = Path.GetDirectoryName(processPath);
            var onPath = (pathVariable ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Any(p => string.Equals(Path.TrimEndingDirectorySeparator(p), Path.TrimEndingDirectorySeparator(folder ?? string.Empty), StringComparison.Ordinal));
            return onPath ? Command : processPath!;
        }

        return (assemblyPath ?? string.Empty).Contains("pauseresume.conformance.tool", StringComparison.OrdinalIgnoreCase)
            ? $"dotnet tool run {Command} --"
            : "dotnet run --project conformance --";
    }

    private static string Invocation() =>
        Invocation(Environment.ProcessPath, typeof(KitCommand).Assembly.Location, Environment.GetEnvironmentVariable("PATH"));

    private static string Quote(string arg) => arg.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or ';' or '|' or '?' or '*' or '&' or '$')
        ? "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'"
        : arg;

    /// <summary>A standalone simulator goes back to the world (and profile) it was started with once the kit is done with it.</summary>
    private static async Task LeaveAsFoundAsync(KitOptions options, ITarget target)
    {
        if (options.Target is not null && target.Control is { } control)
        {
            await control.ResetToStartAsync(CancellationToken.None);
        }
    }
}
