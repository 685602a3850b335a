using System.Text.Json;
using PauseResume.Conformance.Cli;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Conformance.Tests.Probe;

public sealed class ProberTests
{
    private static async Task<JsonElement> ProbeAsync(Func<ITarget> target)
    {
        var path = Path.GetTempFileName();
        var output = new StringWriter();
        var exit = await KitCommand.RunAsync(["--probe", path], output, new StringWriter(), target, TestContext.Current.CancellationToken);
        exit.ShouldBe(0, output.ToString());
        var json = JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).RootElement.Clone();
        File.Delete(path);
        return json;
    }

    [Fact]
    public async Task Probing_the_simulator_records_its_default_profile_and_says_what_it_observed()
    {
        var probe = await ProbeAsync(() => new InProcessTarget());

        probe.GetProperty("name").GetString().ShouldBe("probed");
        probe.GetProperty("invalidDirectionStatus").GetString().ShouldBe("404");
        probe.GetProperty("pausedParameter").GetString().ShouldBe("strict");
        probe.GetProperty("refusalOrder").GetString().ShouldBe("call-list-first");
        var settings = probe.GetProperty("probe").GetProperty("settings");
        settings.GetProperty("refusalOrder").GetProperty("observed").GetBoolean().ShouldBeTrue();
        settings.GetProperty("sessionIdleTimeout").GetProperty("observed").GetBoolean().ShouldBeFalse("an idle timeout is not waited out");
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
    public async Task The_simulator_loads_a_probed_profile()
    {
        var deviant = DeviantRecorders.All.Single(d => d.Name == "answers an invalid direction with 400");
        var path = Path.GetTempFileName();
        await KitCommand.RunAsync(["--probe", path], new StringWriter(), new StringWriter(), () => new InProcessTarget(deviant.Wrap), TestContext.Current.CancellationToken);

        var options = CommandLine.Parse(["--profile-file", path], FakeRecorder.Epoch, out var error);
        File.Delete(path);

        error.ShouldBeNull();
        options!.World.Profile.InvalidDirectionStatus.ShouldBe(400);
    }
}
