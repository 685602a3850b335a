using System.Net;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// pausedParameter=spring (PSE-2, inferred): a Spring MVC recorder binds <c>paused</c> to a required boolean, so it reads
/// on/off, yes/no and 1/0 as well as true/false, trimmed and in any case, and refuses anything else, or none, with 400.
/// </summary>
public sealed class SpringPausedTests
{
    [Theory]
    [InlineData("paused=yes", true)]
    [InlineData("paused=ON", true)]
    [InlineData("paused=1", true)]
    [InlineData("paused=%20True%09", true)]
    [InlineData("paused=no", false)]
    [InlineData("paused=Off", false)]
    [InlineData("paused=0", false)]
    [InlineData("paused=false", false)]
    public async Task PSE_2_Under_spring_the_words_Spring_binds_to_a_boolean_pause_or_resume(string form, bool paused)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With("pausedParameter=spring")), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        if (!paused)
        {
            (await client.SetPausedAsync(AgentsCouple, "paused=true")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        var response = await client.SetPausedAsync(AgentsCouple, form);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, form);
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBe(paused, $"PSE-1: {form}");
    }

    [Theory]
    [InlineData("paused=y")]
    [InlineData("paused=2")]
    [InlineData("paused=")]
    [InlineData("paused=ye%C5%BF")] // a long s is no s
    [InlineData("pause=true")]
    [InlineData("")]
    public async Task PSE_2_Under_spring_anything_else_or_none_is_400_and_changes_nothing(string form)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With("pausedParameter=spring")), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.SetPausedAsync(AgentsCouple, form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, form);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotBeEmpty("PSE-2: the 400 names the mistake");
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBeFalse("PSE-2: nothing changed");
    }

    [Fact]
    public async Task PSE_2_Under_strict_the_Spring_words_are_400()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        (await client.SetPausedAsync(AgentsCouple, "paused=yes")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBeFalse();
    }
}
