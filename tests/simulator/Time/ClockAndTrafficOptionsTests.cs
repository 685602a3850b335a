using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Json;
using PauseResume.Simulator.Tests.Support;
using PauseResume.Simulator.Time;
using PauseResume.Simulator.Traffic;

namespace PauseResume.Simulator.Tests.Time;

/// <summary>--clock and --traffic on the command line, and a world file's clock and traffic.</summary>
public sealed class ClockAndTrafficOptionsTests
{
    [Fact]
    public void The_command_line_sets_the_clock_and_starts_traffic_with_any_setting_by_its_JSON_name()
    {
        var options = CommandLine.Parse(
            ["--clock", "scaled:60", "--traffic", "600,seed=7,agents=40,meanDurationSeconds=120,durationSpread=0.3,transferShare=0.2,conferenceShare=0.1,mix=1/1/0"],
            FakeRecorder.Epoch, out var error);

        error.ShouldBeNull();
        options!.World.Clock.ShouldBe(new ClockSetting(ClockMode.Scaled, 60));
        options.World.Traffic.ShouldBe(TrafficSettings.Default with
        {
            Running = true, RatePerHour = 600, Seed = 7, Agents = 40, MeanDurationSeconds = 120, DurationSpread = 0.3,
            TransferShare = 0.2, ConferenceShare = 0.1, Mix = new CallMix(0.5, 0.5, 0),
        });
    }

    [Fact]
    public void Without_either_option_the_clock_is_real_and_there_is_no_traffic()
    {
        var options = CommandLine.Parse([], FakeRecorder.Epoch, out _)!;

        options.World.Clock.ShouldBeNull("the clock starts real, over the host's");
        options.World.Traffic.ShouldBeNull();
    }

    [Theory]
    [InlineData("--clock", "warp", "--clock: the clock is real, manual or scaled:N")]
    [InlineData("--clock", "scaled:0", "--clock: scale must be a number from 0.01 to 100000")]
    [InlineData("--clock", "scaled:1e-300", "--clock: scale must be a number from 0.01 to 100000")]
    [InlineData("--traffic", "lots", "--traffic: traffic starts with the rate of calls per hour")]
    [InlineData("--traffic", "0", "--traffic: ratePerHour must be above 0")]
    [InlineData("--traffic", "60,color=red", "'color=red' is not a traffic setting")]
    [InlineData("--traffic", "60,agents=1", "--traffic: agents must be from 2")]
    [InlineData("--traffic", "60,mix=1/2", "'mix=1/2' is not a traffic setting")]
    [InlineData("--traffic", "60,dailyCurve=1/2/3", "'dailyCurve=1/2/3' is not a traffic setting")]
    public void A_bad_clock_or_traffic_option_is_refused_with_what_is_accepted(string option, string value, string message)
    {
        CommandLine.Parse([option, value], FakeRecorder.Epoch, out var error).ShouldBeNull();

        error.ShouldNotBeNull().ShouldContain(message);
    }

    [Fact]
    public async Task The_standalone_simulator_exits_2_on_a_bad_clock_with_the_message()
    {
        var (exitCode, _, errors) = await StandaloneSimulator.RunToExitAsync(null, "--clock", "warp");

        exitCode.ShouldBe(2);
        errors.ShouldContain("--clock: the clock is real, manual or scaled:N");
    }

    [Fact]
    public void A_world_file_gives_its_clock_and_traffic()
    {
        var world = WorldJson.Read("""{"clock":{"mode":"manual"},"traffic":{"ratePerHour":90,"dailyCurve":[0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,0.5,0.5,0.5,0.5,0,0]}}""", "world.json");

        world.Error.ShouldBeNull();
        world.Value!.Clock.ShouldBe(ClockSetting.Manual);
        world.Value.Traffic!.Running.ShouldBeTrue("traffic in a world file runs unless it says running: false");
        world.Value.Traffic.RatePerHour.ShouldBe(90);
        world.Value.Traffic.DailyCurve!.Count.ShouldBe(24);
    }

    [Theory]
    [InlineData("""{"clock":{"mode":"scaled"}}""", "world.json: clock: mode scaled needs a scale")]
    [InlineData("""{"clock":"manual"}""", "world.json: not a valid world file")]
    [InlineData("""{"traffic":{"transferShare":2}}""", "world.json: traffic: transferShare must be from 0 to 1")]
    [InlineData("""{"traffic":{"dailyCurve":[-1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}}""", "world.json: traffic: dailyCurve must be 24 factors (hour 0 to 23, UTC) of at least 0, not all 0; hour 0's is -1")]
    public void A_world_files_bad_clock_or_traffic_is_named_in_the_error(string json, string message)
    {
        WorldJson.Read(json, "world.json").Error.ShouldNotBeNull().ShouldContain(message);
    }
}
