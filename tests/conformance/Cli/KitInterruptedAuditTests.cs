using System.Text.Json.Nodes;
using PauseResume.Conformance.Cli;
using PauseResume.Conformance.Profiles;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Cli;

/// <summary>A run against a real recorder that is stopped, and whose recorder then goes away before the audit can read it.</summary>
public sealed class KitInterruptedAuditTests
{
    [Fact]
    public async Task A_stopped_run_whose_recorder_is_gone_by_the_audit_says_nothing_is_checked_and_exits_130()
    {
        // Arrange: the run is stopped right after its first pause is taken (the recorder logs each); the recorder stops as
        // the kit says it was interrupted, before the final audit reads the couples
        await using var recorder = await StandaloneSimulator.StartAsync("--no-control");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        _ = recorder.WaitForOutputAsync(line => line.Contains("admin paused couple 24197", StringComparison.Ordinal)).ContinueWith(_ => stop.Cancel(), TaskScheduler.Default);
        var errors = new Said("interrupted:", () => recorder.TerminateAsync().GetAwaiter().GetResult());
        var output = new StringWriter();

        // Act
        var exit = await KitCommand.RunAsync(
            ["--target", recorder.Address.ToString(), "--account", "admin:admin:list,pause", "--allow-pause", "--couple", "24197", "--rate", "200", "--runs", "5000", "--seed", "1"],
            output, errors, cancellationToken: stop.Token);

        // Assert
        exit.ShouldBe(130, output.ToString() + errors);
        errors.ToString().ShouldContain("AUDIT UNCHECKED the couples the kit may pause could not be read", Case.Sensitive, errors.ToString());
    }

    /// <summary>
    /// PSE-1: the audit of a stopped run reads the calls in progress (to tell a couple a join may have changed) only where
    /// a pause may reach a whole call: not where the profile the run was given says a probe measured pauseScope=couple.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stopped_runs_audit_judges_with_the_runs_profile(bool measuredCoupleScope)
    {
        // Arrange: as above, the run stops after its first pause; the audit is the last session the recorder logs
        var file = Path.Combine(Directory.CreateTempSubdirectory("kit-audit-").FullName, "recorder.json");
        var profile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.PauseScope, "couple").Profile! with { Name = "measured" });
        profile["probe"] = new JsonObject { ["settings"] = new JsonObject { ["pauseScope"] = new JsonObject { ["observed"] = measuredCoupleScope } } };
        await File.WriteAllTextAsync(file, profile.ToJsonString(), TestContext.Current.CancellationToken);
        await using var recorder = await StandaloneSimulator.StartAsync("--no-control");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        _ = recorder.WaitForOutputAsync(line => line.Contains("admin paused couple 24197", StringComparison.Ordinal)).ContinueWith(_ => stop.Cancel(), TaskScheduler.Default);
        var output = new StringWriter();
        var errors = new StringWriter();

        // Act
        var exit = await KitCommand.RunAsync(
            ["--target", recorder.Address.ToString(), "--account", "admin:admin:list,pause", "--allow-pause", "--couple", "24197", "--rate", "200", "--runs", "5000", "--seed", "1", "--profile-file", file],
            output, errors, cancellationToken: stop.Token);
        await recorder.TerminateAsync(); // every line it wrote is read
        var lines = recorder.Output;
        var audit = lines.Skip(lines.ToList().FindLastIndex(line => line.Contains("logged in (SES-1)", StringComparison.Ordinal))).ToList();

        // Assert
        exit.ShouldBe(130, output.ToString() + errors);
        errors.ToString().ShouldContain("interrupted:");
        audit.ShouldContain(line => line.Contains("read couple 24197", StringComparison.Ordinal), string.Join("\n", audit));
        audit.Any(line => line.Contains("GET /callrec/restful/couples.xml ", StringComparison.Ordinal)).ShouldBe(!measuredCoupleScope, string.Join("\n", audit));
    }

    /// <summary>A writer that runs <paramref name="then"/> once a line starting with <paramref name="start"/> is written.</summary>
    private sealed class Said(string start, Action then) : StringWriter
    {
        public override Task WriteLineAsync(string? value)
        {
            if (value?.StartsWith(start, StringComparison.Ordinal) == true)
            {
                then();
            }

            return base.WriteLineAsync(value);
        }
    }
}
