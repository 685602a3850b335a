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
        var kit = Path.Combine(Repository.Root, "conformance", "bin", Configuration, "net10.0", "PauseResume.Conformance.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [
            kit, "--target", recorder.Address.ToString(), "--account", "admin:admin:list,pause", "--allow-pause", "--couple", "24197",
            "--rate", "200", "--runs", "5000", "--seed", "1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);

        try
        {
            // The recorder logs every pause it takes: stop the kit right after one.
            await recorder.WaitForOutputAsync(line => line.Contains("admin paused couple 24197", StringComparison.Ordinal));
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

        process.ExitCode.ShouldBe(130, await output + await errors);
        (await errors).ShouldContain("interrupted: every couple the kit paused has been put back");
        (await errors).ShouldNotContain("AUDIT", Case.Sensitive, "the audit found every couple as it was found");
        (await AdminView.PausedAsync(recorder.Address, 24197)).ShouldBe("false", "the couple records again, as the kit found it");
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
