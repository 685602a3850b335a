using System.Net;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>
/// anonymousSession (SES-4, inferred): whether an answer to a request that names no live session opens one, as a
/// servlet application that asks for a session on every request does; a login's and a logout's cookies stay
/// loginSessionId's and logoutSessionId's.
/// </summary>
public sealed class AnonymousSessionTests
{
    private static string? SessionSet(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Where(v => v.StartsWith("JSESSIONID=", StringComparison.Ordinal)).ShouldHaveSingleItem() : null;

    [Fact]
    public async Task SES_4_By_default_a_refusal_to_a_request_without_a_session_sets_no_cookie()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        // Act
        using var list = await client.ListAsync();
        using var unknown = await client.SendAsync(HttpMethod.Get, "/callrec/nothing-here");

        // Assert
        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "LST-2");
        SessionSet(list).ShouldBeNull("anonymousSession=none: only logins and logouts set a session cookie");
        SessionSet(unknown).ShouldBeNull();
    }

    [Theory]
    [InlineData("fresh")]
    [InlineData("kept")]
    public async Task SES_4_Under_any_request_an_answer_to_a_request_naming_no_live_session_opens_one(string loginSessionId)
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With("anonymousSession=any-request", $"loginSessionId={loginSessionId}")), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        // Act: refused without a session, refused again naming the one it was given, then a login, a list and a logout
        using var first = await client.ListAsync();
        var anonymous = client.SessionId;
        using var again = await client.ListAsync();
        var afterAgain = client.SessionId;
        using var unknown = await client.SendAsync(HttpMethod.Get, "/callrec/nothing-here");
        using var login = await client.LoginAsync("admin", "secret");
        var loggedIn = client.SessionId;
        using var listed = await client.ListAsync();
        using var logout = await client.LogoutAsync();

        // Assert
        first.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "LST-2: the session opened is not logged in");
        SessionSet(first).ShouldNotBeNull().ShouldMatch("^JSESSIONID=[0-9A-F]{32}; Path=/callrec; HttpOnly$", "a servlet session cookie as a login's (sessionCookie, jvmRoute)");
        again.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        listed.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-1: the login works in the session opened for the refusal or in its own");
        SessionSet(listed).ShouldBeNull("a request naming a live session opens none");
        SessionSet(logout).ShouldNotBeNull("logoutSessionId=fresh, logoutSession=ended: the logout's own new id, one cookie, not two");
        SessionSet(again).ShouldBeNull("the session opened for the first refusal lives: named again, it opens none");
        afterAgain.ShouldBe(anonymous);
        SessionSet(unknown).ShouldBeNull("GEN-1: the unknown path named the live session");
        if (loginSessionId == "kept")
        {
            loggedIn.ShouldBe(anonymous, "loginSessionId=kept: the login authenticates the session its request named");
            SessionSet(login).ShouldBeNull("loginSessionId=kept: no new id for a known session");
        }
        else
        {
            loggedIn.ShouldNotBe(anonymous, "loginSessionId=fresh: the login sets a new id");
        }
    }

    /// <summary>
    /// GEN-1, SES-4: under pathCase=exact a path whose context is spelled otherwise is another web application's (Tomcat
    /// routes /CALLREC elsewhere), which opens no session of this one; under pathCase=any it is this application's path.
    /// </summary>
    [Theory]
    [InlineData("exact", "/CALLREC/restful/couples.xml", false)]
    [InlineData("exact", "/CALLREC/callrec", false)]
    [InlineData("any", "/CALLREC/restful/couples.xml", true)]
    public async Task SES_4_A_path_whose_context_is_spelled_otherwise_opens_a_session_only_where_paths_match_in_any_case(string pathCase, string path, bool opens)
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With("anonymousSession=any-request", $"pathCase={pathCase}")), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        // Act
        using var answer = await client.SendAsync(HttpMethod.Get, path);

        // Assert
        answer.StatusCode.ShouldBe(opens ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound);
        (SessionSet(answer) is not null).ShouldBe(opens);
    }

    /// <summary>
    /// Under anonymousSession=refusals only the refusal as not logged in opens a session, as a security filter that saves
    /// the refused request for after the login does: an unknown path's 404 and a bad method's 405 to a request without a
    /// session set none (an independent recorder built so answered them without a cookie, where the simulator, which had
    /// any-request alone, set one). The session opened lives as under any-request.
    /// </summary>
    [Fact]
    public async Task SES_4_Under_refusals_only_a_refusal_as_not_logged_in_opens_a_session()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(
            Small(Profiles.With("anonymousSession=refusals", "unknownPathOrder=before-login", "badMethodOrder=before-login")), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        // Act
        using var unknown = await client.SendAsync(HttpMethod.Get, "/callrec/restful/nothing-here");
        using var patch = await client.SendAsync(HttpMethod.Patch, "/callrec/restful/couples.xml");
        using var refused = await client.ListAsync();
        var opened = client.SessionId;
        using var again = await client.ListAsync();
        var afterAgain = client.SessionId;
        using var unknownInIt = await client.SendAsync(HttpMethod.Get, "/callrec/restful/nothing-here");
        using var failed = await client.LoginAsync("admin", "wrong");
        using var afterFailed = await client.ListAsync();

        // Assert
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound, "GEN-1, unknownPathOrder=before-login");
        SessionSet(unknown).ShouldBeNull("anonymousSession=refusals: a 404 opens no session");
        patch.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, "GEN-2, badMethodOrder=before-login");
        SessionSet(patch).ShouldBeNull("anonymousSession=refusals: a 405 opens no session");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "LST-2");
        SessionSet(refused).ShouldNotBeNull("anonymousSession=refusals: the refusal as not logged in opens one").ShouldMatch("^JSESSIONID=[0-9A-F]{32}; Path=/callrec; HttpOnly$");
        again.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "LST-2");
        SessionSet(again).ShouldBeNull("SES-4: the session opened lives: named again, it opens none");
        afterAgain.ShouldBe(opened, "SES-4");
        SessionSet(unknownInIt).ShouldBeNull("SES-4: the unknown path named the live session");
        SessionSet(failed).ShouldNotBeNull("SES-4, loginSessionId=fresh");
        afterFailed.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "LST-2");
        SessionSet(afterFailed).ShouldBeNull("SES-4: the failed login's id is a session a request finds, as under any-request");
    }

    /// <summary>
    /// Under anonymousSession=refusals a 403 that refuses something other than the want of a login (an unknown path under
    /// unknownPathStatus=403 matched before the login, GEN-1) opens no session: the filter saves only what it refused.
    /// </summary>
    [Fact]
    public async Task SES_4_Under_refusals_a_403_that_is_no_refusal_as_not_logged_in_opens_no_session()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(
            Small(Profiles.With("anonymousSession=refusals", "unknownPathOrder=before-login", "unknownPathStatus=403")), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        // Act
        using var unknown = await client.SendAsync(HttpMethod.Get, "/callrec/restful/nothing-here");
        using var refused = await client.ListAsync();

        // Assert
        unknown.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "GEN-1, unknownPathStatus=403");
        SessionSet(unknown).ShouldBeNull("SES-4, anonymousSession=refusals: the unknown path's own 403 is no refusal as not logged in");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "LST-2");
        SessionSet(refused).ShouldNotBeNull("SES-4, anonymousSession=refusals");
    }

    /// <summary>
    /// Under anonymousSession=any-request every id a failed login or a logout hands out is a session, as a servlet
    /// container's is: a request naming it finds it and opens no other (an independent recorder built so answered a list
    /// after a failed login with no cookie, where the simulator opened one).
    /// </summary>
    [Fact]
    public async Task SES_4_Under_any_request_a_failed_logins_and_a_logouts_ids_are_sessions_a_request_finds()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With("anonymousSession=any-request")), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        // Act
        using var failed = await client.LoginAsync("admin", "wrong");
        using var afterFailed = await client.ListAsync();
        await client.LoginAsync("admin", "secret");
        using var logout = await client.LogoutAsync();
        using var afterLogout = await client.ListAsync();

        // Assert
        SessionSet(failed).ShouldNotBeNull("loginSessionId=fresh");
        afterFailed.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        SessionSet(afterFailed).ShouldBeNull("the failed login's session is found: none opened");
        SessionSet(logout).ShouldNotBeNull("logoutSessionId=fresh");
        afterLogout.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-5");
        SessionSet(afterLogout).ShouldBeNull("the logout's new session is found: none opened");
    }
}
