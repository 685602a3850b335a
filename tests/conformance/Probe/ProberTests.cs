using System.Text.Json;
using PauseResume.Conformance.Cli;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Conformance.Tests.Probe;

public sealed class ProberTests
{
    private static async Task<JsonElement> ProbeAsync(Func<ITarget> target)
    {
        var path = Path.GetTempFileName();
        var output = new StringWriter();
        var exit = await KitCommand.RunAsync(["--probe", path], output, new StringWriter(), target);
        exit.ShouldBe(0, output.ToString());
        return JsonDocument.Parse(await File.ReadAllTextAsync(path)).RootElement.Clone();
    }

    [Fact]
    public async Task Probing_the_simulator_records_its_default_profile_and_what_it_saw()
    {
        var probe = await ProbeAsync(() => new InProcessTarget());

        probe.GetProperty("invalidDirectionStatus").GetString().ShouldBe("404");
        probe.GetProperty("pausedParameter").GetString().ShouldBe("strict");
        var observed = probe.GetProperty("probe").GetProperty("observed");
        observed.GetProperty("SES-4").GetProperty("servletSessionId").GetBoolean().ShouldBeTrue();
        observed.GetProperty("SES-4").GetProperty("sameAnswerForAFailedLogin").GetBoolean().ShouldBeTrue();
        observed.GetProperty("DET-3").GetProperty("elements").EnumerateArray().Select(e => e.GetString()).ShouldContain("paused");
        observed.GetProperty("PSE-4").GetProperty("getPausedStateStatus").GetInt32().ShouldBe(405);
    }

    [Theory]
    [InlineData("answers an invalid direction with 400", "invalidDirectionStatus", "400")]
    [InlineData("reads 'pause=true' as the lenient Java server does under the strict profile", "pausedParameter", "jaxrs-lenient")]
    public async Task Probing_a_different_server_records_its_behaviour_as_settings(string deviantName, string setting, string value)
    {
        var deviant = DeviantRecorders.All.Single(d => d.Name == deviantName);

        var probe = await ProbeAsync(() => new InProcessTarget(deviant.Wrap));

        probe.GetProperty(setting).GetString().ShouldBe(value);
    }

    [Fact]
    public async Task The_simulator_loads_a_probed_profile_and_then_behaves_like_the_probed_server()
    {
        var deviant = DeviantRecorders.All.Single(d => d.Name == "answers an invalid direction with 400");
        var path = Path.GetTempFileName();
        await KitCommand.RunAsync(["--probe", path], new StringWriter(), new StringWriter(), () => new InProcessTarget(deviant.Wrap));

        var options = CommandLine.Parse(["--profile-file", path], FakeRecorder.Epoch, out var error);

        error.ShouldBeNull();
        options!.World.Profile.InvalidDirectionStatus.ShouldBe(400);
        options.World.Profile.PausedParameter.ShouldBe(PausedParameterReading.Strict);
    }
}
