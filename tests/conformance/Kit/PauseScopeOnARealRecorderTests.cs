using System.Text.Json;
using PauseResume.Conformance.Cli;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// PSE-1 pauses "the recording of that call"; which of a call's couples a pause reaches is inferred (pauseScope). The
/// default world's conference call has two couples, 24201 and 24202: a recorder that pauses the whole call, played by
/// the standalone simulator without its control API, so the kit cannot tell it from a real one.
/// </summary>
public sealed class PauseScopeOnARealRecorderTests
{
    private static readonly string[] ConferenceCouples = ["--allow-pause", "--couple", "24201", "--couple", "24202"];

    private static async Task<(int Exit, JsonElement Probed, string Output)> ProbeAsync(StandaloneSimulator recorder, string[]? couples = null)
    {
        var path = Path.GetTempFileName();
        var output = new StringWriter();
        var exit = await KitCommand.RunAsync(
            ["--target", recorder.Address.AbsoluteUri, "--account", "admin:admin:list,pause", .. couples ?? ConferenceCouples, "--rate", "1000", "--settle", "0", "--probe", path],
            output, TextWriter.Null, cancellationToken: TestContext.Current.CancellationToken);
        var probed = JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).RootElement.Clone();
        File.Delete(path);
        return (exit, probed, output.ToString());
    }

    [Theory]
    [InlineData("call")]
    [InlineData("couple")]
    public async Task PSE_1_The_probe_measures_which_couples_of_a_call_a_pause_reaches_and_leaves_both_recording(string scope)
    {
        // Arrange
        await using var recorder = await StandaloneSimulator.StartAsync(["--no-control", "--set", $"pauseScope={scope}"]);

        // Act
        var (exit, probed, output) = await ProbeAsync(recorder);

        // Assert
        exit.ShouldBe(0, output);
        probed.GetProperty("pauseScope").GetString().ShouldBe(scope, output);
        probed.GetProperty("probe").GetProperty("settings").GetProperty("pauseScope").GetProperty("observed").GetBoolean().ShouldBeTrue(output);
        (await AdminView.PausedAsync(recorder.Address, 24201)).ShouldBe("false", "found recording, left recording");
        (await AdminView.PausedAsync(recorder.Address, 24202)).ShouldBe("false", "found recording, left recording");
    }

    [Fact]
    public async Task PSE_1_Without_two_couples_of_one_call_the_probe_keeps_the_default_and_says_why()
    {
        // Arrange
        await using var recorder = await StandaloneSimulator.StartAsync(["--no-control", "--set", "pauseScope=call"]);

        // Act: couples of two calls
        var (exit, probed, output) = await ProbeAsync(recorder, ["--allow-pause", "--couple", "24201", "--couple", "24197"]);

        // Assert
        exit.ShouldBe(0, output);
        probed.GetProperty("pauseScope").GetString().ShouldBe("couple", output);
        output.ShouldContain("two --couple of one call", Case.Sensitive);
    }

    /// <summary>
    /// Scenarios that pause one leg of the conference and read the other: against the default profile the recorder differs
    /// on pauseScope (never a lost pause, PSE-1 broken); against the profile the probe wrote it passes, its clean-up puts
    /// the couple the kit's pause reached back itself; and either way both are left recording.
    /// </summary>
    [Fact]
    public async Task PSE_1_A_recorder_that_pauses_the_whole_call_differs_from_the_default_and_passes_against_its_probed_profile()
    {
        // Arrange
        await using var recorder = await StandaloneSimulator.StartAsync(["--no-control", "--set", "pauseScope=call"]);
        var (_, probed, _) = await ProbeAsync(recorder);
        var profile = Path.GetTempFileName();
        await File.WriteAllTextAsync(profile, probed.GetRawText(), TestContext.Current.CancellationToken);
        string[] run = ["--target", recorder.Address.AbsoluteUri, "--account", "admin:admin:list,pause", .. ConferenceCouples, "--runs", "40", "--rate", "1000", "--seed", "7", "--settle", "0"];
        var byDefault = new StringWriter();
        var byProbe = new StringWriter();

        // Act
        var defaultExit = await KitCommand.RunAsync(run, byDefault, TextWriter.Null, cancellationToken: TestContext.Current.CancellationToken);
        var probedExit = await KitCommand.RunAsync([.. run, "--profile-file", profile], byProbe, TextWriter.Null, cancellationToken: TestContext.Current.CancellationToken);
        File.Delete(profile);

        // Assert
        defaultExit.ShouldBe(KitResult.ExitDiffers, byDefault.ToString());
        byDefault.ToString().ShouldContain("pauseScope=call", Case.Sensitive);
        probedExit.ShouldBe(KitResult.ExitConformant, byProbe.ToString());
        byProbe.ToString().ShouldNotContain("AUDIT", Case.Sensitive, "under pauseScope=call the other couple, which the kit's own pause reached, is put back by the kit, not left as someone else's change");
        (await AdminView.PausedAsync(recorder.Address, 24201)).ShouldBe("false", "found recording, left recording");
        (await AdminView.PausedAsync(recorder.Address, 24202)).ShouldBe("false", "found recording, left recording");
    }
}
