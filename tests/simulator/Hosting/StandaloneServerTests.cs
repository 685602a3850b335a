using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Hosting;

/// <summary>The standalone server over real HTTP (Kestrel on loopback), started as the README says.</summary>
public sealed class StandaloneServerTests(StandaloneServerTests.Server server) : IClassFixture<StandaloneServerTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public StandaloneSimulator Simulator { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Simulator = await StandaloneSimulator.StartAsTheReadmeSaysAsync();

        public async ValueTask DisposeAsync() => await Simulator.DisposeAsync();
    }

    private Uri Address => server.Simulator.Address;

    /// <summary>
    /// Without a token, a web page whose name an attacker points at 127.0.0.1 (DNS rebinding) is the simulator's own
    /// origin to the browser: the control API answers only this machine's loopback names.
    /// </summary>
    [Theory]
    [InlineData("rebound.example", 403)]
    [InlineData("localhost", 200)]
    [InlineData("127.0.0.1", 200)]
    public async Task Without_a_token_the_control_API_answers_only_loopback_names(string host, int status)
    {
        using var http = new HttpClient { BaseAddress = Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/simulator/users");
        request.Headers.Host = $"{host}:{Address.Port}";
        using var recorderRequest = new HttpRequestMessage(HttpMethod.Get, "/callrec/restful/couples.xml");
        recorderRequest.Headers.Host = $"{host}:{Address.Port}";

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        using var recorder = await http.SendAsync(recorderRequest, TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBe(status, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        recorder.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "LST-2: the recorder's API answers any name (not logged in here)");
    }

    [Fact]
    public async Task The_documented_procedure_works_end_to_end_over_real_HTTP()
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Address };
        var created = await http.PostAsync("/simulator/calls", new StringContent(
            """{"callingNumber":"5550199","calledNumber":"10029","callingIp":"10.0.0.9","calledIp":"10.0.1.29","direction":"INCOMING"}""",
            Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var coupleId = (await created.Content.ReadFromJsonAsync(TestJsonContext.Default.JsonElement, TestContext.Current.CancellationToken)).GetProperty("coupleId").GetInt64();

        cookies.Add(Address, new Cookie("dummy", "1", "/callrec")); // SES-2: any cookie makes the login count
        var login = await http.PostAsync("/callrec/loginAction.do", new FormUrlEncodedContent([new("login", "agent"), new("password", "agent")]), TestContext.Current.CancellationToken);
        var list = await http.GetAsync("/callrec/restful/couples.xml?phoneNumber=10029&phoneNumberDirection=CALLED", TestContext.Current.CancellationToken);
        var self = Documents.Href((await Documents.DetailsAsync(list)).Element("couples")!, "self")!;
        var details = await http.GetAsync(self, TestContext.Current.CancellationToken);
        var pausedState = Documents.Href(await Documents.DetailsAsync(details), "pausedState")!;
        var pause = await http.PostAsync(pausedState, new FormUrlEncodedContent([new("paused", "true")]), TestContext.Current.CancellationToken);
        var whilePaused = await http.GetFromJsonAsync($"/simulator/calls/{coupleId}", TestJsonContext.Default.JsonElement, TestContext.Current.CancellationToken);
        var resume = await http.PutAsync(pausedState, new FormUrlEncodedContent([new("paused", "false")]), TestContext.Current.CancellationToken);
        var logout = await http.PostAsync("/callrec/logoutAction.do", null, TestContext.Current.CancellationToken);
        var after = await http.GetAsync("/callrec/restful/couples.xml", TestContext.Current.CancellationToken);
        var final = await http.GetFromJsonAsync($"/simulator/calls/{coupleId}", TestJsonContext.Default.JsonElement, TestContext.Current.CancellationToken);

        login.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-1");
        self.ShouldBe($"{Address.GetLeftPart(UriPartial.Authority)}/callrec/restful/couples.xml/{coupleId}", "LST-5: absolute, from the host and port used");
        details.StatusCode.ShouldBe(HttpStatusCode.OK, "DET-1");
        pausedState.ShouldBe(self + "/pausedState", "DET-2");
        pause.StatusCode.ShouldBe(HttpStatusCode.NoContent, "PSE-1 by POST");
        whilePaused.GetProperty("paused").GetBoolean().ShouldBeTrue("PSE-1");
        resume.StatusCode.ShouldBe(HttpStatusCode.NoContent, "PSE-1 by PUT");
        logout.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-5");
        after.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-5/LST-2: 403 after logout");
        final.GetProperty("paused").GetBoolean().ShouldBeFalse();
        final.GetProperty("pauseHistory").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task It_prints_where_it_listens_and_the_default_accounts()
    {
        using var http = new HttpClient { BaseAddress = Address };
        await http.GetAsync("/callrec/restful/couples.xml", TestContext.Current.CancellationToken);

        var output = string.Join("\n", server.Simulator.Output);

        output.ShouldContain($"listening on {Address.GetLeftPart(UriPartial.Authority)}");
        output.ShouldContain("admin / admin");
        output.ShouldContain("agent / agent");
        output.ShouldContain("guest / guest: no Call List");
    }

    [Fact]
    public async Task The_console_log_gives_the_rule_that_decided_a_request()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Address };

        await http.PostAsync("/callrec/loginAction.do", new FormUrlEncodedContent([new("login", "monitor"), new("password", "monitor")]), TestContext.Current.CancellationToken);

        await server.Simulator.WaitForOutputAsync(l => l.Contains("login by monitor ignored: the request carried no cookie (SES-2)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_password_in_a_query_string_reaches_neither_the_console_nor_the_log_of_the_control_API()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Address };
        var marker = $"marker-{Guid.NewGuid():N}";

        await http.GetAsync($"/callrec/loginAction.do?login=admin&password=admin-{marker}", TestContext.Current.CancellationToken);
        using var login = new HttpRequestMessage(HttpMethod.Post, $"/callrec/loginAction.do?login=admin&password=admin-{marker}")
        {
            Content = new FormUrlEncodedContent([new("login", "admin"), new("password", $"admin-{marker}")]),
        };
        login.Headers.Add("Cookie", "a=b");
        await http.SendAsync(login, TestContext.Current.CancellationToken);
        await http.GetAsync($"/callrec/restful/couples.xml?phoneNumber={marker}", TestContext.Current.CancellationToken);
        await server.Simulator.WaitForOutputAsync(l => l.Contains($"phoneNumber={marker}", StringComparison.Ordinal)); // the last request's line is out
        var log = await http.GetStringAsync("/simulator/log", TestContext.Current.CancellationToken);

        server.Simulator.Output.ShouldNotContain(l => l.Contains($"admin-{marker}", StringComparison.Ordinal), "no password in the console log");
        server.Simulator.Output.ShouldContain(l => l.Contains("/callrec/loginAction.do?login=admin&password=*** → 405", StringComparison.Ordinal));
        log.ShouldNotContain($"admin-{marker}", Case.Sensitive, "no password in /simulator/log");
        log.ShouldContain("password=***");
    }

    [Theory]
    [InlineData("GET /callrec/restful/couples.xml/%00 HTTP/1.1")]
    [InlineData("GET /callrec/restful/couples.xml?phoneNumber=%ZZ HTTP/1.1")]
    [InlineData("BREW /callrec/restful/couples.xml HTTP/1.1")]
    [InlineData("GET /callrec/\u00e9 HTTP/1.1")]
    public async Task Raw_malformed_requests_get_a_4xx_not_a_5xx(string requestLine)
    {
        var status = await RawStatusAsync($"{requestLine}\r\nHost: 127.0.0.1\r\nCookie: a=b\r\nConnection: close\r\n\r\n");

        status.ShouldBeInRange(400, 499, requestLine);
    }

    [Theory]
    [InlineData("POST /callrec/restful/couples.xml/24197/pausedState", 400, 499)]
    [InlineData("POST /callrec/loginAction.do", 200, 499)] // a login is answered as ever (SES-3), or refused: never a 5xx
    public async Task Oversized_bodies_are_refused_without_being_read(string requestLine, int lowest, int highest)
    {
        // Only the headers are sent: the server must answer from the declared length, not wait for 3 MB.
        var status = await RawStatusAsync(
            $"{requestLine} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: a=b\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 3000000\r\nConnection: close\r\n\r\n");

        status.ShouldBeInRange(lowest, highest);
    }

    /// <summary>
    /// GEN-3: a Host that names a punycode label that does not decode (<c>xn--a</c>) is taken as written, as a servlet
    /// container takes it: the links name it (LST-5), the control API finds it no loopback name, and with a token compares
    /// it with an Origin; no request answers 500.
    /// </summary>
    [Theory]
    [InlineData("xn--a")]
    [InlineData("a.xn--b.c:8080")]
    public async Task GEN_3_A_host_that_does_not_decode_is_taken_as_written(string host)
    {
        // Arrange
        await using var tokened = await StandaloneSimulator.StartAsync("--seed", "5", "--control-token", "t0k3n");
        using var http = new HttpClient { BaseAddress = Address };
        using var tokenedHttp = new HttpClient { BaseAddress = tokened.Address };
        http.DefaultRequestHeaders.Host = tokenedHttp.DefaultRequestHeaders.Host = host;
        http.DefaultRequestHeaders.Add("Cookie", "dummy=1");
        using var login = await http.PostAsync("/callrec/loginAction.do", new FormUrlEncodedContent([new("login", "admin"), new("password", "admin")]), TestContext.Current.CancellationToken);
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal)).Split(';')[0];
        using var list = new HttpRequestMessage(HttpMethod.Get, "/callrec/restful/couples.xml");
        list.Headers.Add("Cookie", session);
        using var control = new HttpRequestMessage(HttpMethod.Get, "/simulator/users");
        HttpRequestMessage Change(string origin) => new(HttpMethod.Post, "/simulator/users")
        {
            Content = new StringContent($$"""{"login":"carol{{origin.Length}}","password":"c","permissions":["CallList"]}""", Encoding.UTF8, "application/json"),
            Headers = { { "X-Simulator-Token", "t0k3n" }, { "Origin", origin } },
        };
        using var sameOrigin = Change($"http://{host}");
        using var otherOrigin = Change("http://elsewhere.example");

        // Act
        using var listed = await http.SendAsync(list, TestContext.Current.CancellationToken);
        using var controlled = await http.SendAsync(control, TestContext.Current.CancellationToken);
        using var changed = await tokenedHttp.SendAsync(sameOrigin, TestContext.Current.CancellationToken);
        using var refused = await tokenedHttp.SendAsync(otherOrigin, TestContext.Current.CancellationToken);

        // Assert
        var body = await listed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        listed.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        body.ShouldContain($"href=\"http://{host}/callrec/restful/couples.xml/", Case.Sensitive, "LST-5: the link names the host as sent");
        controlled.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "no loopback name, and no token");
        changed.StatusCode.ShouldBe(HttpStatusCode.Created, await changed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// GEN-3: a byte past ASCII in a header (obs-text) is read as ISO-8859-1, as a servlet container reads it, not refused:
    /// a Latin-1 é in a User-Agent or in a cookie the simulator does not use got a bare 400 before the request was seen.
    /// </summary>
    [Theory]
    [InlineData("POST /callrec/loginAction.do", "login=admin&password=admin", 200)]
    [InlineData("GET /callrec/restful/couples.xml", "", 403)]
    public async Task GEN_3_A_header_byte_past_ASCII_is_read_not_refused(string requestLine, string form, int status)
    {
        // Act
        var answered = await RawStatusAsync($"{requestLine} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Agent/1.0 (Caf\u00e9)\r\nCookie: pref=\u00e9t\u00e9; dummy=1\r\n"
            + $"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {form.Length}\r\nConnection: close\r\n\r\n{form}");

        // Assert
        answered.ShouldBe(status, "SES-1 logs in; LST-2 refuses a list without a session: either way the request was read");
    }

    /// <summary>The control token as a bearer token with more than one space after <c>Bearer</c>, as RFC 6750 allows (it was refused).</summary>
    [Fact]
    public async Task A_bearer_token_after_several_spaces_is_the_token()
    {
        // Arrange
        await using var tokened = await StandaloneSimulator.StartAsync("--seed", "5", "--control-token", "t0k3n");

        // Act
        var status = await RawStatusAsync("GET /simulator/profile HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer   t0k3n\r\nConnection: close\r\n\r\n", tokened.Address);

        // Assert
        status.ShouldBe(200);
    }

    [Fact]
    public async Task An_overlong_URL_is_refused_with_a_4xx()
    {
        var status = await RawStatusAsync($"GET /callrec/restful/couples.xml?phoneNumber={new string('1', 20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        status.ShouldBeInRange(400, 499);
    }

    [Fact]
    public async Task SIGTERM_stops_the_server_cleanly_even_where_the_shell_ignores_Ctrl_C()
    {
        await using var own = await StandaloneSimulator.StartAsTheReadmeSaysAsync("--seed", "5");

        var exitCode = await own.TerminateAsync();

        exitCode.ShouldBe(0, "a graceful stop, as after Ctrl+C in a terminal");
    }

    /// <summary>
    /// GEN-3: a connection that sent half a request head held a SIGTERM up for Kestrel's 30 s wait for headers (the host's
    /// own wait for requests in flight was 30 s too); the stop now gives them 5 s.
    /// </summary>
    [Fact]
    public async Task SIGTERM_stops_the_server_in_seconds_while_a_client_holds_half_a_request_head()
    {
        await using var own = await StandaloneSimulator.StartAsync("--seed", "5");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(own.Address.Host, own.Address.Port, TestContext.Current.CancellationToken);
        await tcp.GetStream().WriteAsync("GET /callrec/restful/couples.xml HTTP/1.1\r\nHost: 127.0"u8.ToArray(), TestContext.Current.CancellationToken);
        var stopping = System.Diagnostics.Stopwatch.StartNew();

        var exitCode = await own.TerminateAsync();

        exitCode.ShouldBe(0);
        stopping.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "a stop waits 5 s for requests in flight, not 30 s");
    }

    [Fact]
    public async Task When_it_stops_the_standalone_simulator_prints_the_client_audit()
    {
        await using var own = await StandaloneSimulator.StartAsync("--seed", "5");
        using var http = new HttpClient { BaseAddress = own.Address };
        using var login = new FormUrlEncodedContent([new("login", "agent"), new("password", "agent")]);
        (await http.PostAsync("/callrec/loginAction.do", login, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode(); // no cookie: SES-2

        (await own.TerminateAsync()).ShouldBe(0);
        await own.WaitForOutputAsync(line => line.Contains("login-without-cookie", StringComparison.Ordinal));

        own.Output.ShouldContain(line => line.StartsWith("Client audit: ", StringComparison.Ordinal), "the summary printed at the stop");
    }

    /// <summary>
    /// The audit printed at the stop shows the first 1,000 findings, as GET /simulator/audit does, and counts the others:
    /// 37,000 logins without a cookie printed every finding, 8.5 MB of console.
    /// </summary>
    [Fact]
    public async Task When_it_stops_the_printed_audit_shows_the_first_thousand_findings_and_counts_the_others()
    {
        await using var own = await StandaloneSimulator.StartAsync("--seed", "5");
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = own.Address }; // no session kept: each login opens one
        for (var i = 0; i < 1_002; i++)
        {
            // A login in a new session each time, never logged out: a finding each.
            using var login = new HttpRequestMessage(HttpMethod.Post, "/callrec/loginAction.do") { Content = new FormUrlEncodedContent([new("login", "agent"), new("password", "agent")]) };
            login.Headers.Add("Cookie", "client=1");
            (await http.SendAsync(login, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }

        (await own.TerminateAsync()).ShouldBe(0);
        await own.WaitForOutputAsync(line => line.Contains("more finding(s), not shown", StringComparison.Ordinal));

        own.Output.ShouldContain(line => line.StartsWith("Client audit: 1002 finding(s)", StringComparison.Ordinal));
        own.Output.ShouldContain("... and 2 more finding(s), not shown: only the first 1000 are");
        own.Output.Count(line => line.Contains("never-logged-out", StringComparison.Ordinal)).ShouldBe(1_000);
    }

    private async Task<int> RawStatusAsync(string request, Uri? address = null)
    {
        address ??= Address;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, TestContext.Current.CancellationToken);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var statusLine = await reader.ReadLineAsync(TestContext.Current.CancellationToken) ?? string.Empty;
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
