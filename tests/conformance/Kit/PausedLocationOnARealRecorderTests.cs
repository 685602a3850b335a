using System.Text.Json;
using PauseResume.Conformance.Cli;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// A JAX-RS recorder that reads <c>paused</c> only from a form body (<c>@FormParam</c>) and reads it as Java does: a
/// value in the query is not there, so it resumes (PSE-2, PSE-3, both inferred). Played by the standalone simulator
/// without its control API, so the kit cannot tell it from a real one.
/// </summary>
public sealed class PausedLocationOnARealRecorderTests
{
    private static readonly string[] FormOnlyJava = ["--no-control", "--profile", "jaxrs-lenient", "--set", "pausedLocation=form"];

    [Fact]
    public async Task PSE_3_Checked_against_jaxrs_lenient_a_recorder_that_reads_paused_only_from_a_form_body_differs_and_breaks_nothing()
    {
        // Arrange
        await using var recorder = await StandaloneSimulator.StartAsync(FormOnlyJava);
        var output = new StringWriter();

        // Act
        var exit = await KitCommand.RunAsync(
            ["--target", recorder.Address.AbsoluteUri, "--account", "admin:admin:list,pause", "--allow-pause", "--couple", "24197",
             "--profile", "jaxrs-lenient", "--runs", "30", "--rate", "1000", "--seed", "5"],
            output, TextWriter.Null, cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        exit.ShouldBe(KitResult.ExitDiffers, $"PSE-1: a resume of a value the server does not see is no lost pause\n{output}");
        output.ToString().ShouldContain("pausedLocation=form", Case.Sensitive, "PSE-3: the setting it matches");
        (await AdminView.PausedAsync(recorder.Address, 24197)).ShouldBe("false", "found recording, left recording");
    }

    [Fact]
    public async Task PSE_3_The_probe_finds_where_such_a_recorder_reads_paused_and_leaves_the_couple_recording()
    {
        // Arrange
        await using var recorder = await StandaloneSimulator.StartAsync(FormOnlyJava);
        var path = Path.GetTempFileName();
        var output = new StringWriter();

        // Act
        var exit = await KitCommand.RunAsync(
            ["--target", recorder.Address.AbsoluteUri, "--account", "admin:admin:list,pause", "--allow-pause", "--couple", "24197", "--rate", "1000", "--probe", path],
            output, TextWriter.Null, cancellationToken: TestContext.Current.CancellationToken);
        var probed = JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).RootElement.Clone();
        File.Delete(path);

        // Assert
        exit.ShouldBe(0, output.ToString());
        probed.GetProperty("pausedParameter").GetString().ShouldBe("jaxrs-lenient", output.ToString());
        probed.GetProperty("pausedLocation").GetString().ShouldBe("form", $"PSE-3\n{output}");
        probed.GetProperty("repeatedPaused").GetString().ShouldBe("first", $"PSE-2\n{output}");
        (await AdminView.PausedAsync(recorder.Address, 24197)).ShouldBe("false", "every pause of the probe is put back");
        recorder.Output.Count(l => l.Contains("paused couple 24197", StringComparison.Ordinal)).ShouldBeGreaterThan(0, "the probe paused to tell where paused is read");
    }
}
