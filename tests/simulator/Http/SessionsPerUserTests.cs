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

    [Fact]
    public async Task SES_4_Under_first_wins_a_second_login_of_the_same_user_does_nothing_while_the_first_session_is_logged_in()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(Profiles.With("sessionsPerUser=first-wins")), TestContext.Current.CancellationToken);
        var first = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var second = new LegacyClient(recorder.CreateClient());
        var answer = await second.LoginAsync("admin", "secret");

        (await second.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-4: the first session holds");
        (await first.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.OK, "SES-4: the first session goes on");
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-3: the answer is the same whatever happened");
        recorder.Log.Lines.ShouldContain(l => l.Contains("login by admin ignored: admin is logged in in another session", StringComparison.Ordinal), "the login's log line says why");
        (await (await LegacyClient.LoggedInAsync(recorder.CreateClient(), "agent", "agent-pw")).ListAsync()).StatusCode.ShouldBe(HttpStatusCode.OK, "another user logs in");
    }

    [Fact]
    public async Task SES_4_Under_first_wins_a_user_logs_in_again_in_the_same_session_after_a_logout_and_after_the_first_session_expired()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(Profiles.With("sessionsPerUser=first-wins")), TestContext.Current.CancellationToken);
        var first = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        await first.LoginAsync("admin", "secret"); // the request names the user's own session
        var again = await first.ListAsync();
        await first.LogoutAsync();
        var afterLogout = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var listAfterLogout = await afterLogout.ListAsync();
        recorder.Advance(TimeSpan.FromMinutes(30)); // SES-6: the default idle timeout
        var afterExpiry = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        again.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-4: a login naming the user's own session is no second session");
        listAfterLogout.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-4: after a logout the user may log in elsewhere");
        (await afterExpiry.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.OK, "SES-4, SES-6: an expired session holds nothing");
    }
}
