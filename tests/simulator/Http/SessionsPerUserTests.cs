using System.Net;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>The profile setting sessionsPerUser (SES-4, inferred): may one user hold several logged-in sessions?</summary>
public sealed class SessionsPerUserTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("sessionsPerUser=many", true)]
    [InlineData("sessionsPerUser=one", false)]
    public async Task SES_4_A_second_login_of_the_same_user_ends_the_first_session_only_under_one(string? setting, bool firstStillLoggedIn)
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var first = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var second = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var byFirst = await first.ListAsync();
        var bySecond = await second.ListAsync();

        byFirst.StatusCode.ShouldBe(firstStillLoggedIn ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"SES-4 under {setting ?? "the default"}");
        bySecond.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-1: the newest login works");
        if (!firstStillLoggedIn)
        {
            (await byFirst.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("logged in again in another session", Case.Sensitive, "SES-4: the 403 says why");
            recorder.Log.Lines.ShouldContain(l => l.Contains("1 other session(s) of admin ended (sessionsPerUser=one)", StringComparison.Ordinal), "the login's log line counts the sessions it ended");
        }
    }

    [Fact]
    public async Task SES_4_Under_one_a_login_of_another_user_or_a_failed_login_ends_nothing()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(Profiles.With("sessionsPerUser=one")), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        await LegacyClient.LoggedInAsync(recorder.CreateClient(), "agent", "agent-pw");
        await new LegacyClient(recorder.CreateClient()).LoginAsync("admin", "wrong");

        var list = await admin.ListAsync();

        list.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-4: only a login of the same user that works ends a session");
    }
}
