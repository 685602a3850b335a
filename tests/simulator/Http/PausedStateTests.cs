using System.Net;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

public sealed class PausedStateTests
{
    [Fact]
    public async Task PSE_1_Paused_true_pauses_both_recordings_and_paused_false_resumes_them()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "agent", "agent-pw");

        var pause = await client.SetPausedAsync(AgentsCouple, "paused=true", HttpMethod.Post);
        var whilePaused = recorder.Recorder.Find(AgentsCouple)!;
        recorder.Advance(TimeSpan.FromSeconds(42));
        var resume = await client.SetPausedAsync(AgentsCouple, "paused=false", HttpMethod.Put);
        var after = recorder.Recorder.Find(AgentsCouple)!;

        pause.StatusCode.ShouldBe(HttpStatusCode.NoContent, "PSE-1 by POST");
        whilePaused.Paused.ShouldBeTrue("PSE-1");
        resume.StatusCode.ShouldBe(HttpStatusCode.NoContent, "PSE-1 by PUT");
        after.Paused.ShouldBeFalse("PSE-1");
        var interval = after.History.ShouldHaveSingleItem();
        interval.PausedBy.ShouldBe("agent");
        interval.ResumedBy.ShouldBe("agent");
        (interval.ResumedAt - interval.PausedAt).ShouldBe(TimeSpan.FromSeconds(42));
        interval.PausedSession.ShouldBe(client.SessionId);
    }

    [Fact]
    public async Task PSE_1_Pausing_one_couple_leaves_the_others_alone()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        await client.PauseAsync(OthersCouple);

        recorder.Recorder.Couples().Where(c => c.Paused).Select(c => c.Couple.Id).ShouldBe([OthersCouple], "PSE-1");
    }

    [Theory]
    [InlineData("", "missing")]
    [InlineData("pause=true", "'pause' is not known")]
    [InlineData("pause=false", "'pause' is not known")]
    [InlineData("paused=yes", "is not true or false")]
    [InlineData("paused=1", "is not true or false")]
    [InlineData("paused=", "is not true or false")]
    [InlineData("paused=true&paused=false", "more than once")]
    [InlineData("paused=%20true", "is not true or false")]
    [InlineData("paused=false%20", "is not true or false")]
    [InlineData("paused=%09true", "is not true or false")]
    [InlineData("Paused=true", "missing")]
    [InlineData("PAUSED=false", "missing")]
    public async Task PSE_2_Strict_profile_refuses_a_missing_or_non_boolean_paused_with_400(string body, string message)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.SetPausedAsync(AgentsCouple, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"PSE-2: '{body}'");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain(message);
        text.ShouldEndWith("(PSE-2)\n");
        recorder.Recorder.Find(AgentsCouple)!.History.ShouldBeEmpty("PSE-2: nothing changed");
    }

    [Theory]
    [InlineData("paused=TRUE", true)]
    [InlineData("paused=True", true)]
    [InlineData("paused=FALSE", false)]
    public async Task PSE_2_Strict_profile_reads_true_and_false_in_any_case(string body, bool paused)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        await client.PauseAsync(AgentsCouple);

        (await client.SetPausedAsync(AgentsCouple, body)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBe(paused, $"PSE-2: '{body}'");
    }

    [Theory]
    [InlineData("pause=true")]
    [InlineData("")]
    [InlineData("paused=yes")]
    [InlineData("paused=false")]
    [InlineData("Paused=true")]
    [InlineData("paused=%20true")]
    public async Task PSE_2_The_jaxrs_lenient_profile_reads_anything_but_true_as_false_and_resumes(string body)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(RecorderProfile.JaxRsLenient), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        await client.PauseAsync(AgentsCouple);

        var response = await client.SetPausedAsync(AgentsCouple, body);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, "PSE-2 jaxrs-lenient");
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBeFalse($"PSE-2 jaxrs-lenient: '{body}' resumes");
    }

    [Fact]
    public async Task PSE_3_Paused_is_read_from_the_query_string_too()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.SetPausedAsync(AgentsCouple, string.Empty, HttpMethod.Put, "paused=true");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, "PSE-3");
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBeTrue("PSE-3");
    }

    [Theory]
    [InlineData("Paused=true")]
    [InlineData("PAUSED=true")]
    [InlineData("paused=true%20")]
    public async Task PSE_2_In_the_query_string_too_a_strict_profile_reads_only_paused_as_spelled_and_exactly_true_or_false(string query)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await client.SetPausedAsync(AgentsCouple, string.Empty, HttpMethod.Put, query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"PSE-2: '{query}' names no paused=true|false, as a servlet reads it");
        recorder.Recorder.Find(AgentsCouple)!.History.ShouldBeEmpty("PSE-2: nothing changed");
    }

    [Fact]
    public async Task PSE_3_Repeating_a_pause_or_a_resume_succeeds_and_changes_nothing()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var resumeRunning = await client.ResumeAsync(AgentsCouple);
        await client.PauseAsync(AgentsCouple);
        var pausePaused = await client.PauseAsync(AgentsCouple);

        resumeRunning.StatusCode.ShouldBe(HttpStatusCode.NoContent, "PSE-3");
        pausePaused.StatusCode.ShouldBe(HttpStatusCode.NoContent, "PSE-3");
        recorder.Recorder.Find(AgentsCouple)!.History.ShouldHaveSingleItem("PSE-3: one pause, one interval").IsOpen.ShouldBeTrue();
    }

    [Fact]
    public async Task PSE_4_Without_login_right_or_access_a_pause_is_403_and_changes_nothing()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var monitor = await LegacyClient.LoggedInAsync(http, "monitor", "monitor-pw");
        var agent = await LegacyClient.LoggedInAsync(http, "agent", "agent-pw");
        var guest = await LegacyClient.LoggedInAsync(http, "guest", "guest-pw");

        (await new LegacyClient(http).PauseAsync(AgentsCouple)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "PSE-4: not logged in");
        (await monitor.PauseAsync(AgentsCouple)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "PSE-4: no Pause and Resume Calls");
        (await agent.PauseAsync(OthersCouple)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "PSE-4: outside the agent's masks");
        (await guest.PauseAsync(AgentsCouple)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "PSE-4: no Call List, so no access");

        recorder.Recorder.Couples().ShouldAllBe(c => c.History.Count == 0, "PSE-4: nothing changed");
    }

    [Fact]
    public async Task PSE_4_Unknown_or_ended_couples_are_404_and_GET_is_405()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        recorder.Recorder.EndCall(OthersCouple);

        (await client.PauseAsync(99999)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "PSE-4: unknown");
        (await client.PauseAsync(OthersCouple)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "PSE-4: ended");
        var get = await client.SendAsync(HttpMethod.Get, $"{LegacyClient.CouplesPath}/{AgentsCouple}/pausedState");
        get.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, "PSE-4: GET");
        get.Content.Headers.Allow.ShouldBe(["POST", "PUT"], ignoreOrder: true);
    }
}
