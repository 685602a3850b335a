using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Probe;
using PauseResume.Conformance.Reports;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Cli;

/// <summary>The kit's command: parse, connect, run (or probe), report. Exit 0 conformant, 1 broken, 2 usage or unreachable.</summary>
internal static class KitCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, Func<ITarget>? inProcess = null)
    {
        var options = KitOptions.Parse(args, Random.Shared.Next(1, 1_000_000), out var error);
        if (options is null)
        {
            await (error is null ? output : errors).WriteLineAsync(error is null ? KitOptions.Usage : $"error: {error}\n\n{KitOptions.Usage}");
            return error is null ? 0 : 2;
        }

        try
        {
            await using var target = options.Target is null
                ? (inProcess ?? (() => new InProcessTarget()))()
                : await HttpTarget.ConnectAsync(options.Target, options.ControlToken, CancellationToken.None);
            var pace = target.Control is null ? TimeSpan.FromSeconds(1 / options.Rate) : TimeSpan.Zero;
            if (options.Probe is not null)
            {
                var probe = await new Prober(target, options.Accounts, options.AllowPause ? options.Couples : [], pace).ProbeAsync(CancellationToken.None);
                await LeaveAsFoundAsync(options, target);
                await File.WriteAllTextAsync(options.Probe, probe.Json);
                await output.WriteLineAsync($"Wrote what {target.Description} does for each inferred rule to {options.Probe}; the simulator loads it with --profile-file.");
                foreach (var line in probe.Summary)
                {
                    await output.WriteLineAsync($"  {line}");
                }

                return 0;
            }

            RealWorld? real = null;
            if (target.Control is null)
            {
                if (options.Accounts.Count == 0)
                {
                    await errors.WriteLineAsync($"error: {target.Description} has no simulator control API, so it is checked as a real recorder: give its accounts with --account LOGIN:PASSWORD:RIGHTS");
                    return 2;
                }

                real = await RealWorld.ObserveAsync(target, options.Accounts, options.Couples, options.AllowPause, pace, CancellationToken.None);
            }

            var kit = new ConformanceKit(target, options.Profile, errors)
            {
                Seed = options.Seed,
                Runs = options.Runs,
                Steps = options.Steps,
                OnlyRun = options.OnlyRun,
                Pace = pace,
                Real = real,
            };
            var result = await kit.RunAsync();
            await LeaveAsFoundAsync(options, target);

            ConsoleReport.Write(output, result);
            if (options.Report is not null)
            {
                await File.WriteAllTextAsync(options.Report, MarkdownReport.Write(result));
            }

            if (options.JUnit is not null)
            {
                JUnitReport.Write(result).Save(options.JUnit);
            }

            return result.Conformant ? 0 : 1;
        }
        catch (TargetException e)
        {
            await errors.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (HttpRequestException e)
        {
            await errors.WriteLineAsync($"error: the target stopped answering: {e.Message}");
            return 2;
        }
    }

    /// <summary>A standalone simulator goes back to the world it was started with once the kit is done with it.</summary>
    private static async Task LeaveAsFoundAsync(KitOptions options, ITarget target)
    {
        if (options.Target is not null && target.Control is { } control)
        {
            await control.ResetToStartAsync(CancellationToken.None);
        }
    }
}
