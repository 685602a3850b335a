using System.Net;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>The session settings of the behaviour profile (jvmRoute, loginSessionId, failedLoginSession), through the legacy API.</summary>
public sealed class SessionSettingsTests
{
    [Fact]
    public async Task SES_4_A_jvmRoute_is_appended_to_every_session_id_and_the_id_works()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(With("jvmRoute", "node-7")), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        var login = await client.LoginAsync("admin", "secret");
        var list = await client.ListAsync();
        var logout = await client.LogoutAsync();

        SetCookie(login).ShouldMatch(@"^JSESSIONID=[0-9A-F]{32}\.node-7; Path=/callrec; HttpOnly$", "SES-4 with jvmRoute=node-7");
        list.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-4: the id with its route is the logged-in one");
        SetCookie(logout).ShouldMatch(@"^JSESSIONID=[0-9A-F]{32}\.node-7;", "SES-5: the logout's id carries the route too");
    }

    [Fact]
    public async Task SES_4_Under_sessionCookie_plain_the_cookie_is_not_marked_HttpOnly_and_works_the_same()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(With("sessionCookie", "plain")), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        var login = await client.LoginAsync("admin", "secret");
        var list = await client.ListAsync();

        SetCookie(login).ShouldMatch("^JSESSIONID=[0-9A-F]{32}; Path=/callrec$", "SES-4 with sessionCookie=plain, as Tomcat 6 wrote it");
        list.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-4: the cookie is the session all the same");
    }

    [Fact]
    public async Task SES_4_Under_loginSessionId_kept_a_login_authenticates_the_known_session_its_request_named()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(With("loginSessionId", "kept")), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());
        var first = await client.LoginAsync("admin", "wrong"); // names no session: gets one, not logged in
        var known = client.SessionId;

        var login = await client.LoginAsync("admin", "secret");
        var list = await client.ListAsync();

        first.Headers.Contains("Set-Cookie").ShouldBeTrue("SES-4: a request naming no known session gets an id");
        login.Headers.Contains("Set-Cookie").ShouldBeFalse("loginSessionId=kept: a known session keeps its id");
        client.SessionId.ShouldBe(known);
        list.StatusCode.ShouldBe(HttpStatusCode.OK, "loginSessionId=kept: the id named by the login is the one authenticated");
    }

    [Fact]
    public async Task SES_4_Under_loginSessionId_on_success_a_login_that_works_changes_the_id_and_one_that_fails_keeps_it()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(With("loginSessionId", "on-success")), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());
        var first = await client.LoginAsync("admin", "secret");
        var loggedIn = client.SessionId;

        var failed = await client.LoginAsync("admin", "wrong");
        var kept = client.SessionId;
        var afterFailure = await client.ListAsync();
        await client.LoginAsync("admin", "secret");
        var renewed = client.SessionId;
        client.SessionId = loggedIn;
        var old = await client.ListAsync();
        client.SessionId = renewed;
        var logout = await client.LogoutAsync();
        var failedAfterLogout = await client.LoginAsync("admin", "wrong");

        first.Headers.Contains("Set-Cookie").ShouldBeTrue("SES-4: a request naming no session gets an id");
        failed.Headers.Contains("Set-Cookie").ShouldBeFalse("loginSessionId=on-success: a login that fails keeps the session it named");
        kept.ShouldBe(loggedIn);
        afterFailure.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "failedLoginSession=logged-out: the failed login ended its login, the id stays");
        renewed.ShouldNotBe(loggedIn, "loginSessionId=on-success: a login that works changes the id");
        old.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-4: the id before the login is never the authenticated one");
        SetCookie(logout).ShouldMatch("^JSESSIONID=[0-9A-F]{32};", "SES-5: a logout sets a new id, as under fresh");
        failedAfterLogout.Headers.Contains("Set-Cookie").ShouldBeFalse("the logout's new id is a session, as a container's is: a failed login naming it keeps it (an independent recorder did; the simulator handed out an id it did not keep)");
    }

    /// <summary>
    /// SES-4 (inferred: successfulLoginSession): a login that works names a logged-in session and gets a new id; the
    /// named one is replaced (the default: no longer known), or stays logged in as before beside the new one.
    /// </summary>
    [Theory]
    [InlineData("replaced", HttpStatusCode.Forbidden)]
    [InlineData("unchanged", HttpStatusCode.OK)]
    public async Task SES_4_successfulLoginSession_says_whether_the_session_a_login_that_works_named_stays_logged_in(string setting, HttpStatusCode oldLists)
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(With("successfulLoginSession", setting)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "agent", "agent-pw");
        var old = client.SessionId;

        await client.LoginAsync("admin", "secret");
        var renewed = client.SessionId;
        var newList = await client.ListAsync();
        client.SessionId = old;
        var oldList = await client.ListAsync();

        renewed.ShouldNotBe(old, "loginSessionId=fresh: a new id");
        newList.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-1: the new id is logged in as admin");
        oldList.StatusCode.ShouldBe(oldLists, $"successfulLoginSession={setting}");
    }

    [Fact]
    public async Task SES_4_Under_loginSessionId_kept_a_request_naming_an_unknown_session_gets_a_new_id()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(With("loginSessionId", "kept")), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient()) { SessionId = "0123456789ABCDEF0123456789ABCDEF" };

        var login = await client.LoginAsync("admin", "secret");
        var list = await client.ListAsync();

        login.Headers.Contains("Set-Cookie").ShouldBeTrue("loginSessionId=kept: an unknown id is not adopted");
        client.SessionId.ShouldNotBe("0123456789ABCDEF0123456789ABCDEF");
        list.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-1");
    }

    /// <summary>
    /// SES-5 (inferred): under logoutSession=ended a logout invalidates the session it names; under loginSessionId=kept the
    /// id it hands out is a new session's, and a login naming the old id gets a new one, as for any id the recorder does
    /// not know.
    /// </summary>
    [Theory]
    [InlineData("fresh")]
    [InlineData("none")]
    public async Task SES_5_Under_logoutSession_ended_a_logout_ends_the_session_and_its_id(string logoutSessionId)
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(Profiles.With("loginSessionId=kept", $"logoutSessionId={logoutSessionId}")), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var id = client.SessionId;

        var logout = await client.LogoutAsync();
        var handedOut = client.SessionId;
        client.SessionId = id;
        var afterLogout = await client.ListAsync();
        var login = await client.LoginAsync("admin", "secret");

        logout.Headers.Contains("Set-Cookie").ShouldBe(logoutSessionId == "fresh", "logoutSessionId: whether the logout's page makes a session");
        (handedOut == id).ShouldBe(logoutSessionId == "none", "a new id, never the one logged out");
        afterLogout.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-5: not logged in after logout");
        login.Headers.Contains("Set-Cookie").ShouldBeTrue("loginSessionId=kept: the old id is unknown, so the login's session is a new one");
        client.SessionId.ShouldNotBe(id);
    }

    [Theory]
    [InlineData("fresh")]
    [InlineData("on-success")]
    [InlineData("kept")]
    public async Task SES_5_Under_logoutSession_logged_out_a_logout_ends_the_login_but_keeps_the_id_known(string loginSessionId)
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(Profiles.With($"loginSessionId={loginSessionId}", "logoutSession=logged-out")), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var id = client.SessionId;

        var logout = await client.LogoutAsync();
        var afterLogout = await client.ListAsync();
        var login = await client.LoginAsync("admin", "secret");
        var afterLogin = await client.ListAsync();

        logout.Headers.Contains("Set-Cookie").ShouldBeFalse("logoutSession=logged-out: the logout keeps the id, and its page's session is that one");
        afterLogout.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-5: not logged in after logout");
        login.Headers.Contains("Set-Cookie").ShouldBe(loginSessionId != "kept", "loginSessionId=kept: the id is still known after logout, so the login takes it");
        (client.SessionId == id).ShouldBe(loginSessionId == "kept");
        afterLogin.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-1");
    }

    /// <summary>
    /// SES-5 (inferred): under logoutSession=logged-out-new-id a logout ends the login and keeps the id, as under
    /// logged-out, and answers with a new session beside it where logoutSessionId=fresh: a client that goes on with the old
    /// id names a session the recorder still knows (a login naming it under kept takes it), one that takes the cookie a new
    /// one, and neither is logged in.
    /// </summary>
    [Theory]
    [InlineData("kept", "fresh")]
    [InlineData("fresh", "fresh")]
    [InlineData("kept", "none")]
    public async Task SES_5_Under_logoutSession_logged_out_new_id_a_logout_keeps_the_id_and_hands_out_another(string loginSessionId, string logoutSessionId)
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(Profiles.With($"loginSessionId={loginSessionId}", "logoutSession=logged-out-new-id", $"logoutSessionId={logoutSessionId}", "anonymousSession=any-request")), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var client = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        var id = client.SessionId;

        var logout = await client.LogoutAsync();
        var besides = new LegacyClient(http) { SessionId = client.SessionId };
        client.SessionId = id;
        var oldAfterLogout = await client.ListAsync();
        var newAfterLogout = await besides.ListAsync();
        var login = await client.LoginAsync("admin", "secret");

        logout.Headers.Contains("Set-Cookie").ShouldBe(logoutSessionId == "fresh", "logoutSessionId: whether the logout hands out a session beside the kept one");
        (besides.SessionId == id).ShouldBe(logoutSessionId == "none");
        oldAfterLogout.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-5: not logged in after logout");
        oldAfterLogout.Headers.Contains("Set-Cookie").ShouldBeFalse("the id stays known: anonymousSession=any-request opens no session for it");
        newAfterLogout.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the session handed out is nobody's");
        newAfterLogout.Headers.Contains("Set-Cookie").ShouldBeFalse("the id handed out names a session the recorder keeps");
        (client.SessionId == id).ShouldBe(loginSessionId == "kept", "loginSessionId=kept: the id is still known after logout, so the login takes it");
        (await client.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.OK, "SES-1");
    }

    [Theory]
    [InlineData("admin", "wrong")]
    [InlineData("nobody", "secret")]
    [InlineData(null, null)]
    public async Task SES_4_Under_failedLoginSession_unchanged_a_failed_login_leaves_the_named_session_logged_in(string? login, string? password)
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(With("failedLoginSession", "unchanged")), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var client = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        var loggedIn = client.SessionId;

        var failed = await client.LoginAsync(login, password);
        var named = new LegacyClient(http) { SessionId = loggedIn };

        SetCookie(failed).ShouldNotContain(loggedIn!, Case.Sensitive, "loginSessionId=fresh still hands out a fresh id");
        (await named.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.OK, "failedLoginSession=unchanged: still logged in as before");
        (await client.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-4: the fresh id of a failed login is not logged in");
    }

    [Fact]
    public async Task SES_4_By_default_a_failed_login_logs_out_the_session_its_request_named()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var client = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        var named = new LegacyClient(http) { SessionId = client.SessionId };

        await client.LoginAsync("admin", "wrong");

        (await named.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "failedLoginSession=logged-out (default)");
    }

    [Fact]
    public async Task SES_4_Under_kept_and_unchanged_a_failed_login_changes_nothing_at_all()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(With("loginSessionId", "kept") with { FailedLoginSession = FailedLoginSession.Unchanged }), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var failed = await client.LoginAsync("admin", "wrong");

        failed.Headers.Contains("Set-Cookie").ShouldBeFalse("loginSessionId=kept");
        (await client.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.OK, "failedLoginSession=unchanged");
    }

    [Fact]
    public async Task SES_4_Under_kept_and_logged_out_a_failed_login_ends_the_login_but_keeps_the_id()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(With("loginSessionId", "kept")), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var id = client.SessionId;

        var failed = await client.LoginAsync("admin", "wrong");
        var afterFailure = await client.ListAsync();
        await client.LoginAsync("monitor", "monitor-pw");

        failed.Headers.Contains("Set-Cookie").ShouldBeFalse("loginSessionId=kept");
        afterFailure.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "failedLoginSession=logged-out");
        client.SessionId.ShouldBe(id);
        (await client.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.OK, "the kept id logs in again");
        recorder.Log.Lines[^1].ShouldContain("monitor listed");
    }

    private static RecorderProfile With(string setting, string value) => RecorderProfile.Default.With(setting, value).Profile!;

    private static string SetCookie(HttpResponseMessage response) => response.Headers.GetValues("Set-Cookie").Single();
}
