using System.Net;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Http;

public sealed class SessionHandlersTests
{
    [Fact]
    public async Task SES_1_Login_with_a_cookie_and_valid_credentials_logs_in()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        var login = await client.LoginAsync("admin", "secret");
        var list = await client.ListAsync();

        login.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-1");
        list.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-1: the next request is logged in");
    }

    [Fact]
    public async Task SES_2_Login_without_any_cookie_is_silently_ignored()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient()) { SendDummyCookie = false };

        var login = await client.LoginAsync("admin", "secret");
        var list = await client.ListAsync();

        login.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-3: the login answer looks like success");
        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-2: a login without a cookie logs nobody in");
        recorder.Log.Lines[0].ShouldContain("(SES-2)");
    }

    [Theory]
    [InlineData("a=b")]
    [InlineData("JSESSIONID=0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("x=")]
    [InlineData("very-long-name-of-a-cookie=with%20an%20escaped%20value")]
    public async Task SES_2_Any_cookie_with_any_name_and_value_is_enough(string cookie)
    {
        var list = await ListAfterLoginWithCookieHeaderAsync(cookie);

        list.ShouldBe(HttpStatusCode.OK, $"SES-2: cookie '{cookie}' should be enough");
    }

    [Theory]
    [InlineData(";")]
    [InlineData("=")]
    [InlineData("=x")]
    [InlineData("$Version=1")]
    [InlineData(" ; ;")]
    public async Task SES_2_A_cookie_header_without_a_cookie_in_it_carries_none(string cookie)
    {
        var list = await ListAfterLoginWithCookieHeaderAsync(cookie);

        list.ShouldBe(HttpStatusCode.Forbidden, $"SES-2: 'Cookie: {cookie}' names no cookie, as a servlet reads it");
    }

    [Theory]
    [InlineData("jsessionid={0}", false)]
    [InlineData("JSessionId={0}", false)]
    [InlineData("JSESSIONID={0}", true)]
    [InlineData("a=b; JSESSIONID={0}", true)]
    [InlineData("JSESSIONID={0}; JSESSIONID", true)]
    public async Task SES_4_Only_a_cookie_named_JSESSIONID_as_written_names_the_session(string cookie, bool loggedIn)
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var id = (await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret")).SessionId;
        using var request = new HttpRequestMessage(HttpMethod.Get, LegacyClient.CouplesPath);
        request.Headers.Add("Cookie", string.Format(System.Globalization.CultureInfo.InvariantCulture, cookie, id));

        var list = await recorder.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        list.StatusCode.ShouldBe(loggedIn ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"SES-4, LST-2: a servlet container matches its cookie's name as written: '{cookie}'");
    }

    /// <summary>
    /// SES-4: of several JSESSIONID cookies, as Tomcat reads them, the first that names a live session counts, else the
    /// first: one a browser also holds for another path (sent after, or before) does not hide the session logged in.
    /// </summary>
    [Theory]
    [InlineData("JSESSIONID={0}; JSESSIONID=0000", "admin")]
    [InlineData("JSESSIONID=0000; JSESSIONID={0}", "admin")]
    [InlineData("JSESSIONID={0}; JSESSIONID=", "admin")]
    [InlineData("JSESSIONID=; JSESSIONID={0}", "admin")]
    [InlineData("JSESSIONID={0}|JSESSIONID=0000", "admin")]
    [InlineData("JSESSIONID={0}; JSESSIONID={1}", "admin")]
    [InlineData("JSESSIONID={1}; JSESSIONID={0}", "agent")]
    [InlineData("JSESSIONID=0000; JSESSIONID=1111", null)]
    public async Task SES_4_Of_several_session_cookies_the_first_that_names_a_live_session_counts(string cookies, string? user)
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var admin = (await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret")).SessionId;
        var agent = (await LegacyClient.LoggedInAsync(recorder.CreateClient(), "agent", "agent-pw")).SessionId;
        using var request = new HttpRequestMessage(HttpMethod.Get, LegacyClient.CouplesPath);
        foreach (var header in string.Format(System.Globalization.CultureInfo.InvariantCulture, cookies, admin, agent).Split('|'))
        {
            request.Headers.TryAddWithoutValidation("Cookie", header);
        }

        var list = await recorder.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        list.StatusCode.ShouldBe(user is null ? HttpStatusCode.Forbidden : HttpStatusCode.OK, cookies);
        recorder.Log.Entries[^1].User.ShouldBe(user, cookies);
    }

    [Fact]
    public async Task SES_3_Login_responses_are_byte_identical_apart_from_the_cookie_value()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        (string Case, Func<LegacyClient, Task<HttpResponseMessage>> Login, bool Cookie)[] cases =
        [
            ("valid", c => c.LoginAsync("admin", "secret"), true),
            ("wrong password", c => c.LoginAsync("admin", "nope"), true),
            ("unknown user", c => c.LoginAsync("nobody", "secret"), true),
            ("missing fields", c => c.LoginAsync(null, null), true),
            ("no cookie", c => c.LoginAsync("admin", "secret"), false),
        ];

        var shapes = new List<(string Case, string Shape)>();
        foreach (var (name, login, cookie) in cases)
        {
            var response = await login(new LegacyClient(http) { SendDummyCookie = cookie });
            shapes.Add((name, await ShapeAsync(response)));
        }

        foreach (var (name, shape) in shapes)
        {
            shape.ShouldBe(shapes[0].Shape, $"SES-3: the '{name}' login answer must equal the valid one but for the cookie value");
        }
    }

    [Fact]
    public async Task SES_3_Under_loginPage_token_every_login_and_logout_page_carries_a_fresh_token_and_nothing_else_differs()
    {
        var world = TestWorlds.Small() with { Profile = TestWorlds.Small().Profile with { LoginPage = LoginPage.Token } };
        await using var recorder = await FakeRecorder.StartAsync(world, TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        var pages = new List<string>();
        foreach (var response in new[] { await client.LoginAsync("admin", "secret"), await client.LoginAsync("admin", "nope"), await client.LogoutAsync() })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-3");
            pages.Add(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var tokens = pages.Select(page => System.Text.RegularExpressions.Regex.Match(page, "name=\"_csrf\" value=\"([0-9a-f-]{36})\"").Groups[1].Value).ToList();
        tokens.Select(token => Guid.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed != Guid.Empty).ShouldAllBe(uuid => uuid, "SES-3 (loginPage=token): a UUID in the form's hidden field");
        tokens.Distinct().Count().ShouldBe(3, "SES-3 (loginPage=token): a fresh token each time");
        pages.Select((page, i) => page.Replace(tokens[i], "<token>", StringComparison.Ordinal)).Distinct().Count().ShouldBe(1, "SES-3: but for the token, the same page whatever happened");
    }

    /// <summary>SES-3, SES-4 (inferred): under loginPage=redirect every login, and a logout answered as one, is 302 to the start with no body; the session cookie comes with it.</summary>
    [Theory]
    [InlineData(LogoutPage.Login, HttpStatusCode.Found)]
    [InlineData(LogoutPage.Own, HttpStatusCode.OK)]
    public async Task SES_3_Under_loginPage_redirect_every_login_is_a_redirect_with_the_session_cookie(LogoutPage logoutPage, HttpStatusCode logoutStatus)
    {
        var world = TestWorlds.Small() with { Profile = TestWorlds.Small().Profile with { LoginPage = LoginPage.Redirect, LogoutPage = logoutPage } };
        await using var recorder = await FakeRecorder.StartAsync(world, TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        var wrong = await client.LoginAsync("admin", "nope");
        var right = await client.LoginAsync("admin", "secret");
        var list = await client.ListAsync();
        var logout = await client.LogoutAsync();

        foreach (var login in new[] { wrong, right })
        {
            login.StatusCode.ShouldBe(HttpStatusCode.Found, "SES-3 (loginPage=redirect)");
            login.Headers.Location.ShouldBe(new Uri("/callrec/", UriKind.Relative));
            (await login.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty("a redirect without a body");
            login.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal), "SES-4: the session cookie comes with the redirect");
        }

        list.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-1: the login the redirect answered worked");
        logout.StatusCode.ShouldBe(logoutStatus, "SES-5: a logout answered as a login is redirected too; one with a page of its own is not");
        using var start = await recorder.CreateClient().GetAsync(new Uri("/callrec/", UriKind.Relative), TestContext.Current.CancellationToken);
        start.StatusCode.ShouldBe(HttpStatusCode.OK, "where the redirect sends a client that follows it: a page, not the unknown path's 404");
        start.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
    }

    /// <summary>SES-3 (inferred): the redirect's status is redirectStatus's (a framework that redirects after a POST answers 303).</summary>
    [Theory]
    [InlineData(303, HttpStatusCode.SeeOther)]
    [InlineData(307, HttpStatusCode.TemporaryRedirect)]
    public async Task SES_3_Under_loginPage_redirect_the_redirect_is_redirectStatus(int status, HttpStatusCode expected)
    {
        var world = TestWorlds.Small() with { Profile = TestWorlds.Small().Profile with { LoginPage = LoginPage.Redirect, RedirectStatus = status } };
        await using var recorder = await FakeRecorder.StartAsync(world, TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        var right = await client.LoginAsync("admin", "secret");
        var logout = await client.LogoutAsync();

        using var follow = await recorder.CreateClient().PostAsync(new Uri("/callrec/", UriKind.Relative), new FormUrlEncodedContent([new("login", "admin"), new("password", "secret")]), TestContext.Current.CancellationToken);

        right.StatusCode.ShouldBe(expected, "SES-3 (redirectStatus)");
        follow.StatusCode.ShouldBe(status == 307 ? HttpStatusCode.OK : HttpStatusCode.NotFound, "a client that follows a 307 sends its POST again, and gets the page; after a 303 it sends a GET");
        right.Headers.Location.ShouldBe(new Uri("/callrec/", UriKind.Relative));
        logout.StatusCode.ShouldBe(expected, "SES-5: a logout answered as a login");
        recorder.Log.Lines[0].ShouldContain($"→ {status}", Case.Sensitive, "the log names the status sent");
    }

    /// <summary>GEN-1: without loginPage=redirect, the application's start is an unknown path of the API like any other.</summary>
    [Fact]
    public async Task GEN_1_The_start_page_is_an_unknown_path_unless_logins_redirect_to_it()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);

        using var start = await recorder.CreateClient().GetAsync(new Uri("/callrec/", UriKind.Relative), TestContext.Current.CancellationToken);

        start.StatusCode.ShouldBe(HttpStatusCode.NotFound, "GEN-1");
    }

    [Fact]
    public async Task SES_3_A_failed_login_is_only_seen_as_403_on_the_next_request()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        await client.LoginAsync("admin", "wrong");
        var list = await client.ListAsync();

        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-3/LST-2");
        recorder.Log.Lines[0].ShouldContain("wrong password");
    }

    [Fact]
    public async Task SES_4_Every_login_sets_a_fresh_servlet_session_cookie()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        var first = await client.LoginAsync("admin", "secret");
        var second = await client.LoginAsync("admin", "secret");

        var cookie = first.Headers.GetValues("Set-Cookie").Single();
        cookie.ShouldMatch("^JSESSIONID=[0-9A-F]{32}; Path=/callrec; HttpOnly$", "SES-4");
        SetCookieValue(second).ShouldNotBe(SetCookieValue(first), "SES-4: a fresh id on every login");
    }

    [Fact]
    public async Task SES_4_A_session_id_known_before_login_is_never_the_one_authenticated()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var client = new LegacyClient(http);
        await client.LoginAsync("nobody", "x"); // an id handed out before the real login
        var before = client.SessionId!;

        await client.LoginAsync("admin", "secret");
        var stale = new LegacyClient(http) { SessionId = before };

        client.SessionId.ShouldNotBe(before);
        (await stale.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-4: the old id stays unauthenticated");
        (await client.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.OK, "SES-4: the new id is the logged-in one");
    }

    [Fact]
    public async Task SES_5_Logout_answers_like_login_and_ends_the_session()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var client = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        var loggedIn = client.SessionId;
        var loginShape = await ShapeAsync(await new LegacyClient(http).LoginAsync("admin", "secret"));

        var logout = await client.LogoutAsync();
        var again = new LegacyClient(http) { SessionId = loggedIn };

        (await ShapeAsync(logout)).ShouldBe(loginShape, "SES-5: logout answers as login does");
        (await again.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-5: 403 after logout");
        recorder.Recorder.SessionCount.ShouldBe(1, "SES-5: only the other login's session is left");
    }

    [Fact]
    public async Task SES_6_A_session_expires_after_30_minutes_without_a_request()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        recorder.Advance(TimeSpan.FromMinutes(29));
        var stillIn = await client.ListAsync();
        recorder.Advance(TimeSpan.FromMinutes(29));
        var stillInAfterActivity = await client.ListAsync();
        recorder.Advance(TimeSpan.FromMinutes(30));
        var expired = await client.ListAsync();

        stillIn.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-6");
        stillInAfterActivity.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-6: every request restarts the idle time");
        expired.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-6");
        (await expired.Content.ReadAsStringAsync()).ShouldContain("(SES-6)");
    }

    [Fact]
    public async Task SES_6_The_idle_timeout_is_a_profile_setting()
    {
        var profile = PauseResume.Simulator.Domain.RecorderProfile.Default.With("sessionIdleTimeout", "5").Profile!;
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(profile), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        recorder.Advance(TimeSpan.FromMinutes(5));

        (await client.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-6 with sessionIdleTimeout=5");
    }

    /// <summary>Logs admin in with exactly <paramref name="cookie"/> as its Cookie header, then lists in the session the answer set.</summary>
    private static async Task<HttpStatusCode> ListAfterLoginWithCookieHeaderAsync(string cookie)
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/callrec/loginAction.do")
        {
            Content = new FormUrlEncodedContent([new("login", "admin"), new("password", "secret")]),
        };
        request.Headers.TryAddWithoutValidation("Cookie", cookie);

        var login = await http.SendAsync(request);
        var session = new LegacyClient(http) { SessionId = SetCookieValue(login), SendDummyCookie = false };
        return (await session.ListAsync()).StatusCode;
    }

    private static string? SetCookieValue(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single().Split(';')[0]["JSESSIONID=".Length..];

    /// <summary>Status, headers and body with the session id blanked out: what SES-3 says must not vary.</summary>
    private static async Task<string> ShapeAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .Select(h => $"{h.Key}: {string.Join(",", h.Value)}")
            .Select(h => System.Text.RegularExpressions.Regex.Replace(h, "JSESSIONID=[0-9A-F]{32}", "JSESSIONID=*"))
            .Order(StringComparer.Ordinal);
        var body = Convert.ToHexString(await response.Content.ReadAsByteArrayAsync());
        return $"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n{body}";
    }
}
