using System.Diagnostics;
using System.Globalization;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Cli;

/// <summary>A kit run against a real recorder that is stopped (SIGTERM, as Ctrl+C or a CI's timeout does) leaves nothing paused.</summary>
public sealed class KitInterruptTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_run_stopped_while_a_couple_is_paused_puts_it_back_prints_the_audit_and_exits_130()
    {
        await using var recorder = await StandaloneSimulator.StartAsync("--no-control");

        // The recorder logs every pause it takes: stop the kit right after one.
        var (exit, output, errors) = await StoppedAsync(
            ["--target", recorder.Address.ToString(), "--account", "admin:admin:list,pause", "--allow-pause", "--couple", "24197", "--rate", "200", "--runs", "5000", "--seed", "1"],
            () => recorder.WaitForOutputAsync(line => line.Contains("admin paused couple 24197", StringComparison.Ordinal)));

        exit.ShouldBe(130, output + errors);
        errors.ShouldContain("interrupted: the kit has sent its put-backs to the couples it paused");
        errors.ShouldNotContain("AUDIT", Case.Sensitive, "the audit found every couple as it was found");
        (await AdminView.PausedAsync(recorder.Address, 24197)).ShouldBe("false", "the couple records again, as the kit found it");
    }

    /// <summary>
    /// SES-4 (sessionsPerUser=first-wins, inferred): a recorder that keeps a user's first session refuses the clean-up's
    /// login while an agent still holds one, so an agents run stopped midway logs its agents out before it puts back.
    /// </summary>
    [Fact]
    public async Task An_agents_run_stopped_midway_on_a_recorder_that_keeps_the_first_session_logs_out_and_puts_back()
    {
        await using var recorder = await StandaloneSimulator.StartAsync("--no-control", "--set", "sessionsPerUser=first-wins");

        // The agents' own pauses, after the lag measurement's one.
        const string Paused = "admin paused couple 24197";
        var (exit, output, errors) = await StoppedAsync(
            ["--target", recorder.Address.ToString(), "--account", "admin:admin:list,pause", "--allow-pause", "--couple", "24197",
             "--set", "sessionsPerUser=first-wins", "--agents", "2", "--operations", "100000", "--rate", "100", "--seed", "1"],
            () => recorder.WaitForOutputAsync(line => line.Contains(Paused, StringComparison.Ordinal) && recorder.Output.Count(l => l.Contains(Paused, StringComparison.Ordinal)) >= 3));

        exit.ShouldBe(130, output + errors);
        errors.ShouldNotContain("AUDIT", Case.Sensitive, $"the clean-up and the audit logged in, and found the couple as it was found\n{errors}");
        (await AdminView.PausedAsync(recorder.Address, 24197)).ShouldBe("false", "the couple records again, as the kit found it");
    }

    /// <summary>Runs the kit as its own process, sends it SIGTERM (as Ctrl+C or a CI's timeout does) once <paramref name="stopWhen"/> completes, and waits for it.</summary>
    private static async Task<(int Exit, string Output, string Errors)> StoppedAsync(string[] arguments, Func<Task> stopWhen)
    {
        var kit = Path.Combine(Repository.Root, "conformance", "bin", Configuration, "net10.0", "PauseResume.Conformance.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [kit, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        try
        {
            await stopWhen();
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await output, await errors);
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
