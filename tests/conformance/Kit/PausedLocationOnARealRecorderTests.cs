using System.Text.Json;
using PauseResume.Conformance.Cli;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// Java recorders that read <c>paused</c> as Java does (anything but true is false) and differ on where they read it or
/// how they read two values (PSE-2, PSE-3, both inferred): a JAX-RS one that reads only a form body (<c>@FormParam</c>),
/// so a value in the query is not there and resumes; and a Spring one that binds the values it reads to one
/// <c>String</c>, joined with commas, so <c>paused=true</c> in the body and the query alike reads "true,true" and resumes.
/// Played by the standalone simulator without its control API, so the kit cannot tell them from real ones.
/// </summary>
public sealed class PausedLocationOnARealRecorderTests
{
    private static string[] JavaRecorder(string setting) => ["--no-control", "--profile", "jaxrs-lenient", "--set", setting];

    [Theory]
    [InlineData("pausedLocation=form")]
    [InlineData("repeatedPaused=joined")]
    public async Task PSE_3_Checked_against_jaxrs_lenient_a_recorder_that_reads_paused_elsewhere_or_otherwise_differs_and_breaks_nothing(string setting)
    {
        // Arrange
        await using var recorder = await StandaloneSimulator.StartAsync(JavaRecorder(setting));
        var output = new StringWriter();

        // Act
        var exit = await KitCommand.RunAsync(
            ["--target", recorder.Address.AbsoluteUri, "--account", "admin:admin:list,pause", "--allow-pause", "--couple", "24197",
             "--profile", "jaxrs-lenient", "--runs", "30", "--rate", "1000", "--seed", "5", "--settle", "0"],
            output, TextWriter.Null, cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        exit.ShouldBe(KitResult.ExitDiffers, $"PSE-1: a resume of a value the server does not see, or reads joined, is no lost pause\n{output}");
        output.ToString().ShouldContain(setting, Case.Sensitive, "PSE-2, PSE-3: the setting it matches");
        (await AdminView.PausedAsync(recorder.Address, 24197)).ShouldBe("false", "found recording, left recording");
    }

    [Theory]
    [InlineData("pausedLocation=form", "form", "first")]
    [InlineData("repeatedPaused=joined", "form-and-query", "joined")]
    public async Task PSE_3_The_probe_finds_where_and_how_such_a_recorder_reads_paused_and_leaves_the_couple_recording(string setting, string location, string repeated)
    {
        // Arrange
        await using var recorder = await StandaloneSimulator.StartAsync(JavaRecorder(setting));
        var path = Path.GetTempFileName();
        var output = new StringWriter();

        // Act
        var exit = await KitCommand.RunAsync(
            ["--target", recorder.Address.AbsoluteUri, "--account", "admin:admin:list,pause", "--allow-pause", "--couple", "24197", "--rate", "1000", "--settle", "0", "--probe", path],
            output, TextWriter.Null, cancellationToken: TestContext.Current.CancellationToken);
        var probed = JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).RootElement.Clone();
        File.Delete(path);

        // Assert
        exit.ShouldBe(0, output.ToString());
        probed.GetProperty("pausedParameter").GetString().ShouldBe("jaxrs-lenient", output.ToString());
        probed.GetProperty("pausedLocation").GetString().ShouldBe(location, $"PSE-3\n{output}");
        probed.GetProperty("repeatedPaused").GetString().ShouldBe(repeated, $"PSE-2\n{output}");
        (await AdminView.PausedAsync(recorder.Address, 24197)).ShouldBe("false", "every pause of the probe is put back");
        recorder.Output.Count(l => l.Contains("paused couple 24197", StringComparison.Ordinal)).ShouldBeGreaterThan(0, "the probe paused to tell where paused is read");
    }

    /// <summary>
    /// On the Spring recorder, a couple found paused (someone holds the call) is left paused: the scenarios send it no
    /// pause or resume (a resume of a hold might record what it was for, and a put-back would pause it again after its
    /// holder let go), so nothing sent in the body and the query alike (joined, that reads as a resume) can undo it.
    /// </summary>
    [Fact]
    public async Task PSE_2_A_couple_found_paused_on_a_recorder_that_joins_paused_values_is_left_paused()
    {
        // Arrange
        await using var recorder = await StandaloneSimulator.StartAsync(JavaRecorder("repeatedPaused=joined"));
        await AdminView.SetPausedAsync(recorder.Address, 24197, true);
        var output = new StringWriter();

        // Act
        var exit = await KitCommand.RunAsync(
            ["--target", recorder.Address.AbsoluteUri, "--account", "admin:admin:list,pause", "--allow-pause", "--couple", "24197",
             "--profile", "jaxrs-lenient", "--set", "repeatedPaused=joined", "--runs", "20", "--rate", "1000", "--seed", "3"],
            output, TextWriter.Null, cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        exit.ShouldBe(KitResult.ExitConformant, output.ToString());
        output.ToString().ShouldNotContain("AUDIT UNCHECKED", Case.Sensitive, "every put-back took");
        (await AdminView.PausedAsync(recorder.Address, 24197)).ShouldBe("true", $"found paused, left paused\n{output}");
        recorder.Output.Count(l => l.Contains("resumed couple 24197", StringComparison.Ordinal)).ShouldBe(0, "a couple someone holds is never resumed");
    }
}
