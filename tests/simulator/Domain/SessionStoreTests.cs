using System.Net;
using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Domain;

/// <summary>Live sessions are bounded by the profile's maxActiveSessions; at the cap the least recently used one ends.</summary>
public sealed class SessionStoreTests
{
    [Fact]
    public void SES_4_A_flood_of_50000_good_logins_never_keeps_more_sessions_than_the_cap_and_every_id_is_new()
    {
        var recorder = new Recorder(TestWorlds.Small(), new FakeTimeProvider(FakeRecorder.Epoch));
        var handedOut = new HashSet<string>(StringComparer.Ordinal);
        var mostSessions = 0;

        for (var i = 0; i < 50_000; i++)
        {
            handedOut.Add(recorder.Login("admin", "secret", true, null).SessionId).ShouldBeTrue("SES-4: an id is never handed out twice");
            mostSessions = Math.Max(mostSessions, recorder.SessionCount);
        }

        mostSessions.ShouldBe(RecorderProfile.DefaultMaxActiveSessions, "SES-4: maxActiveSessions bounds the live sessions");
        recorder.SessionCount.ShouldBe(RecorderProfile.DefaultMaxActiveSessions);
    }

    [Fact]
    public async Task SES_4_At_the_cap_a_login_that_works_still_works_and_the_least_recently_used_session_ends()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(RecorderProfile.Default.With("maxActiveSessions", "2").Profile!), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var admin = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        var monitor = await LegacyClient.LoggedInAsync(http, "monitor", "monitor-pw");
        recorder.Advance(TimeSpan.FromSeconds(1));
        await admin.ListAsync(); // admin is now the more recently used of the two

        var login = await LegacyClient.LoggedInAsync(http, "agent", "agent-pw");
        var loginLog = recorder.Log.Lines[^1];

        (await login.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.OK, "SES-4: a login at the cap works");
        (await admin.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.OK, "the recently used session is kept");
        var ended = await monitor.ListAsync();
        ended.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the least recently used session ended to make room");
        (await ended.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("maxActiveSessions", Case.Sensitive, "the refusal says why");
        loginLog.ShouldContain("maxActiveSessions=2", Case.Sensitive, "the login's log line says a session was ended");
        loginLog.ShouldContain("(of monitor)");
        recorder.Recorder.SessionCount.ShouldBe(2);
    }

    /// <summary>
    /// GEN-3: at the cap a login that works ended the least recently used session of anyone, so one account, even one
    /// without Call List, logged every desktop out by logging in ten thousand times; now its own sessions end first.
    /// </summary>
    [Fact]
    public void SES_4_At_the_cap_one_accounts_flood_of_logins_ends_its_own_sessions_and_no_other_users()
    {
        // Arrange: a cap of 10, three users logged in
        var recorder = new Recorder(TestWorlds.Small(RecorderProfile.Default with { MaxActiveSessions = 10 }), new FakeTimeProvider(FakeRecorder.Epoch));
        var admin = recorder.Login("admin", "secret", true, null).SessionId;
        var agent = recorder.Login("agent", "agent-pw", true, null).SessionId;
        var monitor = recorder.Login("monitor", "monitor-pw", true, null).SessionId;

        // Act: guest, with no Call List, logs in a thousand times
        var guest = new List<string>();
        for (var i = 0; i < 1_000; i++)
        {
            guest.Add(recorder.Login("guest", "guest-pw", true, null).SessionId);
        }

        // Assert
        recorder.SessionCount.ShouldBe(10, "SES-4: the cap holds");
        recorder.LoginOf(admin).ShouldBe("admin", "another user's session is not ended for guest's logins");
        recorder.LoginOf(agent).ShouldBe("agent");
        recorder.LoginOf(monitor).ShouldBe("monitor");
        guest.TakeLast(7).ShouldAllBe(id => recorder.LoginOf(id) == "guest", "guest's latest sessions are kept");
        recorder.LoginOf(guest[^8]).ShouldBeNull("guest's least recently used sessions ended to make room");
    }

    /// <summary>The user's own sessions end first in the order it used them: one it used again lately is kept.</summary>
    [Fact]
    public void SES_4_At_the_cap_the_users_own_least_recently_used_session_ends_not_its_oldest()
    {
        var time = new FakeTimeProvider(FakeRecorder.Epoch);
        var recorder = new Recorder(TestWorlds.Small(RecorderProfile.Default with { MaxActiveSessions = 3 }), time);
        var monitor = recorder.Login("monitor", "monitor-pw", true, null).SessionId; // the least recently used of all
        var first = recorder.Login("admin", "secret", true, null).SessionId;
        var second = recorder.Login("admin", "secret", true, null).SessionId;
        time.Advance(TimeSpan.FromSeconds(1));
        recorder.List(first, CoupleFilter.None).Access.ShouldBe(Access.Granted); // admin's first session is now its more recently used

        var third = recorder.Login("admin", "secret", true, null).SessionId;

        recorder.LoginOf(second).ShouldBeNull("admin's least recently used session ended");
        recorder.LoginOf(first).ShouldBe("admin");
        recorder.LoginOf(third).ShouldBe("admin");
        recorder.LoginOf(monitor).ShouldBe("monitor", "the least recently used session of all is another user's, kept");
    }

    [Fact]
    public async Task SES_4_Lowering_maxActiveSessions_ends_the_least_recently_used_sessions_at_once()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var clients = new List<LegacyClient>();
        for (var i = 0; i < 5; i++)
        {
            clients.Add(await LegacyClient.LoggedInAsync(http, "admin", "secret"));
        }

        var patched = await http.PatchAsync(
            "/simulator/profile", new StringContent("""{"maxActiveSessions": 2}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        recorder.Recorder.SessionCount.ShouldBe(2, "SES-4: the cap holds at once");
        (await clients[^1].ListAsync()).StatusCode.ShouldBe(HttpStatusCode.OK, "the most recent session is kept");
        (await clients[0].ListAsync()).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the least recent one ended");
    }

    [Fact]
    public void SES_4_Under_loginSessionId_kept_sessions_nobody_logged_in_to_count_against_the_cap_too()
    {
        var profile = RecorderProfile.Default with { LoginSessionId = LoginSessionId.Kept, MaxActiveSessions = 100 };
        var recorder = new Recorder(TestWorlds.Small(profile), new FakeTimeProvider(FakeRecorder.Epoch));

        for (var i = 0; i < 1_000; i++)
        {
            recorder.Login("admin", "wrong", false, null); // each gets a session of its own, never logged in
        }

        recorder.SessionCount.ShouldBe(100, "SES-4: maxActiveSessions counts every session");
    }

    /// <summary>GEN-3: requests that log nobody in must not end a client's login, however many are sent.</summary>
    [Fact]
    public void SES_4_Under_loginSessionId_kept_sessions_nobody_logged_in_to_end_first_at_the_cap()
    {
        // Arrange: a cap of 100, two users logged in
        var profile = RecorderProfile.Default with { LoginSessionId = LoginSessionId.Kept, MaxActiveSessions = 100 };
        var recorder = new Recorder(TestWorlds.Small(profile), new FakeTimeProvider(FakeRecorder.Epoch));
        var admin = recorder.Login("admin", "secret", true, null).SessionId;
        var agent = recorder.Login("agent", "agent-pw", true, null).SessionId;

        // Act: a flood of logouts and failed logins naming no session, each kept as a session nobody is logged in to
        for (var i = 0; i < 1_000; i++)
        {
            _ = i % 2 == 0 ? recorder.Logout(null).SessionId : recorder.Login("admin", "wrong", true, null).SessionId;
        }

        // Assert
        recorder.SessionCount.ShouldBe(100, "SES-4: maxActiveSessions counts every session");
        recorder.LoginOf(admin).ShouldBe("admin", "the cap ends a session nobody is logged in to first");
        recorder.LoginOf(agent).ShouldBe("agent");
    }

    /// <summary>
    /// SES-4 under loginSessionId=kept: of the sessions nobody is logged in to, the least recently used ends first at the
    /// cap, among them one a logout left and not one a login took over. They are kept in an order of their own, so the cap
    /// finds the first without a walk past every logged-in session (lowering the cap took seconds to minutes).
    /// </summary>
    [Fact]
    public void SES_4_Under_loginSessionId_kept_the_least_recently_used_session_nobody_is_logged_in_to_ends_first()
    {
        // Arrange: a cap of 4; a session logged in to after it was nobody's, one nobody's since, one a logout left
        var profile = RecorderProfile.Default with { LoginSessionId = LoginSessionId.Kept, LogoutSession = LogoutSession.LoggedOut, MaxActiveSessions = 4 };
        var recorder = new Recorder(TestWorlds.Small(profile), new FakeTimeProvider(FakeRecorder.Epoch));
        var first = recorder.Login("admin", "wrong", true, null).SessionId;
        var second = recorder.Login("admin", "wrong", true, null).SessionId;
        recorder.Login("admin", "secret", true, first).SessionId.ShouldBe(first);
        var agent = recorder.Login("agent", "agent-pw", true, null).SessionId;
        recorder.Logout(agent);
        var fourth = recorder.Login("admin", "wrong", true, null).SessionId;

        // Act: one more session at the cap
        var fifth = recorder.Login("admin", "wrong", true, null).SessionId;

        // Assert
        recorder.Sessions().Select(s => s.Id).Order().ShouldBe(new[] { first, agent, fourth, fifth }.Order());
        recorder.LoginOf(first).ShouldBe("admin");
    }

    /// <summary>
    /// GEN-3: at a cap every place of which holds a login, a request that logs nobody in (a logout or a failed login
    /// naming no session, under loginSessionId=kept or on-success) ends no login: it gets an id that is not kept.
    /// </summary>
    [Theory]
    [InlineData(LoginSessionId.Kept)]
    [InlineData(LoginSessionId.OnSuccess)]
    public void SES_4_At_a_cap_full_of_logins_a_request_that_logs_nobody_in_ends_none_of_them(LoginSessionId loginSessionId)
    {
        // Arrange: a cap of 3, each place a login
        var recorder = new Recorder(TestWorlds.Small(RecorderProfile.Default with { LoginSessionId = loginSessionId, MaxActiveSessions = 3 }), new FakeTimeProvider(FakeRecorder.Epoch));
        var logins = Enumerable.Range(0, 3).Select(_ => recorder.Login("admin", "secret", true, null).SessionId).ToArray();

        // Act: a logout naming no session, and a failed login naming none
        var logout = recorder.Logout(null).SessionId;
        var failed = recorder.Login("admin", "wrong", true, null).SessionId;

        // Assert
        logins.ShouldAllBe(id => recorder.LoginOf(id) == "admin", "no login ends for a request that logs nobody in");
        recorder.SessionCount.ShouldBe(3);
        new[] { logout, failed }.ShouldAllBe(id => id == null || recorder.LoginOf(id) == null);
        recorder.Login("admin", "secret", true, null).SessionId.ShouldNotBeNull("a login that works still works: it ends the least recently used");
        recorder.LoginOf(logins[0]).ShouldBeNull();
    }

    /// <summary>
    /// Sessions are not kept in order as they are used; the cap works the order out when it needs it, a few hundred at a
    /// time. Used in a shuffled order at one instant of the clock, more than one batch of them, they end in that order.
    /// </summary>
    [Fact]
    public void SES_4_At_the_cap_sessions_end_in_the_order_they_were_last_used_even_at_one_instant()
    {
        // Arrange: a cap of 600, that many sessions, then each used once in a shuffled order, the clock standing still
        const int Cap = 600;
        var recorder = new Recorder(TestWorlds.Small(RecorderProfile.Default with { MaxActiveSessions = Cap }), new FakeTimeProvider(FakeRecorder.Epoch));
        var logins = Enumerable.Range(0, Cap).Select(_ => recorder.Login("admin", "secret", true, null).SessionId).ToArray();
        var usedOrder = logins.ToArray();
        new Random(7).Shuffle(usedOrder);
        foreach (var id in usedOrder)
        {
            recorder.Details(id, TestWorlds.AgentsCouple).Access.ShouldBe(Access.Granted);
        }

        // Act and assert: each new login ends the least recently used session, and only that one
        var order = usedOrder.ToList(); // least recently used first, as the recorder should have it
        for (var i = 0; i < 2 * Cap; i++)
        {
            if (i % 50 == 25)
            {
                // the session the cap would end next, used again: now it is the most recent of them
                recorder.Details(order[0], TestWorlds.AgentsCouple).Access.ShouldBe(Access.Granted);
                order.Add(order[0]);
                order.RemoveAt(0);
            }

            order.Add(recorder.Login("admin", "secret", true, null).SessionId);
            recorder.SessionCount.ShouldBe(Cap);
            recorder.LoginOf(order[0]).ShouldBeNull($"login {i}: the least recently used session ended");
            recorder.LoginOf(order[1]).ShouldBe("admin", $"login {i}: the next one is kept");
            order.RemoveAt(0);
        }
    }

    /// <summary>SES-6: a login ends the sessions idle past the timeout, without waiting for a sweep or for the cap.</summary>
    [Fact]
    public void SES_6_A_login_ends_the_sessions_idle_past_the_timeout_at_once()
    {
        // Arrange: a recorder built in code (no sweeper), a session left idle past the timeout
        var time = new FakeTimeProvider(FakeRecorder.Epoch);
        var recorder = new Recorder(TestWorlds.Small(), time);
        recorder.Login("monitor", "monitor-pw", true, null);
        time.Advance(RecorderProfile.Default.SessionIdleTimeout + TimeSpan.FromMinutes(1));

        // Act
        recorder.Login("admin", "secret", true, null);

        // Assert
        recorder.SessionCount.ShouldBe(1, "SES-6: the idle session ended");
        recorder.Sessions().Select(s => s.Login).ShouldBe(["admin"]);
    }

    /// <summary>SES-6 before SES-4: under sessionsPerUser=one, a session that had expired when its user logged in again expired.</summary>
    [Fact]
    public void SES_6_Under_sessionsPerUser_one_a_session_expired_before_its_user_logged_in_again_is_told_it_expired()
    {
        // Arrange
        var time = new FakeTimeProvider(FakeRecorder.Epoch);
        var recorder = new Recorder(TestWorlds.Small(RecorderProfile.Default with { SessionsPerUser = SessionsPerUser.One }), time);
        var first = recorder.Login("admin", "secret", true, null).SessionId;
        time.Advance(RecorderProfile.Default.SessionIdleTimeout + TimeSpan.FromMinutes(1));

        // Act
        var again = recorder.Login("admin", "secret", true, null);

        // Assert
        again.EndedElsewhere.ShouldBe(0, "SES-4: no live session of admin was ended by the login");
        recorder.Details(first, TestWorlds.AgentsCouple).Access.ShouldBe(Access.SessionExpired, "SES-6: it expired");
    }

    /// <summary>SES-5: under logoutSession=logged-out a logout keeps the session's id and says who it logged out.</summary>
    [Fact]
    public void SES_5_Under_logoutSession_logged_out_a_logout_says_who_was_logged_out()
    {
        // Arrange
        var recorder = new Recorder(TestWorlds.Small(RecorderProfile.Default with { LoginSessionId = LoginSessionId.Kept, LogoutSession = LogoutSession.LoggedOut }), new FakeTimeProvider(FakeRecorder.Epoch));
        var session = recorder.Login("admin", "secret", true, null).SessionId;

        // Act
        var logout = recorder.Logout(session);

        // Assert
        logout.Login.ShouldBe("admin", "the log and the audit name who logged out");
        logout.SessionId.ShouldBe(session, "logoutSession=logged-out: the id stays");
        recorder.LoginOf(session).ShouldBeNull("SES-5: nobody is logged in to it any more");
    }

    /// <summary>
    /// SES-5 (inferred), logoutSession=logged-out-new-id: the session a logout hands out beside the kept one is made while
    /// the kept one is still logged in, so at the cap it is never the least recently used nobody's session that goes.
    /// </summary>
    [Fact]
    public void SES_5_Under_logoutSession_logged_out_new_id_a_logout_at_the_cap_keeps_the_id_it_names()
    {
        // Arrange: a cap of two, both places logged in
        var profile = RecorderProfile.Default with { LoginSessionId = LoginSessionId.Kept, LogoutSession = LogoutSession.LoggedOutNewId, MaxActiveSessions = 2 };
        var recorder = new Recorder(TestWorlds.Small(profile), new FakeTimeProvider(FakeRecorder.Epoch));
        var admin = recorder.Login("admin", "secret", true, null).SessionId;
        recorder.Login("agent", "agent-pw", true, null);

        // Act
        var logout = recorder.Logout(admin);

        // Assert
        logout.SessionId.ShouldNotBe(admin, "logoutSessionId=fresh: a new id beside the kept one");
        recorder.Sessions().Select(s => s.Id).ShouldContain(admin, "logoutSession=logged-out-new-id: the id stays known");
        recorder.LoginOf(admin).ShouldBeNull("SES-5: nobody is logged in to it any more");
    }

    /// <summary>The dashboard's view: the latest sessions someone is logged in to, and how many, without the others.</summary>
    [Fact]
    public void The_latest_logged_in_sessions_are_copied_with_their_count_and_without_sessions_nobody_is_logged_in_to()
    {
        // Arrange: five logins, a second apart, and sessions nobody is logged in to between them (loginSessionId=kept)
        var time = new FakeTimeProvider(FakeRecorder.Epoch);
        var recorder = new Recorder(TestWorlds.Small(RecorderProfile.Default with { LoginSessionId = LoginSessionId.Kept }), time);
        var logins = new List<string>();
        foreach (var (login, password) in new[] { ("admin", "secret"), ("agent", "agent-pw"), ("monitor", "monitor-pw"), ("admin", "secret"), ("agent", "agent-pw") })
        {
            logins.Add(recorder.Login(login, password, true, null).SessionId);
            recorder.Login("admin", "wrong", true, null);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        // Act
        var (latest, count) = recorder.LoggedInSessions(2);

        // Assert
        count.ShouldBe(5, "every logged-in session is counted, the five kept for nobody are not");
        latest.Select(s => s.Id).ShouldBe([logins[4], logins[3]], "the two most recently used first");
        latest.Select(s => s.Login).ShouldBe(["agent", "admin"]);
    }

    [Theory]
    [InlineData(LoginSessionId.Kept, FailedLoginSession.LoggedOut)]
    [InlineData(LoginSessionId.Kept, FailedLoginSession.Unchanged)]
    [InlineData(LoginSessionId.Fresh, FailedLoginSession.LoggedOut)]
    public void The_count_of_logged_in_sessions_is_every_live_session_someone_is_logged_in_to_through_logins_logouts_expiry_and_the_cap(
        LoginSessionId loginSessionId, FailedLoginSession failedLoginSession)
    {
        // Arrange: a small cap and a short idle timeout, so sessions end every way there is
        var time = new FakeTimeProvider(FakeRecorder.Epoch);
        var profile = RecorderProfile.Default with
        {
            LoginSessionId = loginSessionId, FailedLoginSession = failedLoginSession, MaxActiveSessions = 7, SessionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        var recorder = new Recorder(TestWorlds.Small(profile), time);
        var random = new Random(5);
        var ids = new List<string?> { null };

        for (var step = 0; step < 3_000; step++)
        {
            // Act: a login (good or bad, naming a session or not), a logout, or time passing
            var prior = ids[random.Next(ids.Count)];
            switch (random.Next(5))
            {
                case 0 or 1:
                    ids.Add(recorder.Login("agent", "agent-pw", true, prior).SessionId);
                    break;
                case 2:
                    ids.Add(recorder.Login("agent", "wrong", true, prior).SessionId);
                    break;
                case 3:
                    recorder.Logout(prior);
                    break;
                default:
                    time.Advance(TimeSpan.FromSeconds(random.Next(20)));
                    recorder.SweepExpiredSessions();
                    break;
            }

            // Assert: the count the dashboard shows is the one a walk of every session gives
            var counted = recorder.LoggedInSessions(3).Count;
            var walked = recorder.Sessions().Count(session => session.Login is not null);
            counted.ShouldBe(walked, $"step {step}");
        }
    }
}
