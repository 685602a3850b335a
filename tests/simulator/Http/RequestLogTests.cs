using System.Text;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>The request log says why each request was answered as it was, and never shows a password.</summary>
public sealed class RequestLogTests
{
    private const string Secret = "Hunter2-secret";

    public static TheoryData<string, string, string?> PasswordCarryingRequests => new()
    {
        { "GET", $"/callrec/loginAction.do?login=admin&password={Secret}", null },
        { "POST", $"/callrec/loginAction.do?login=admin&password={Secret}", null },
        { "POST", "/callrec/loginAction.do", $"login=admin&password={Secret}" },
        { "POST", $"/callrec/loginAction.do?password={Secret}", $"login=admin&password={Secret}x" },
        { "GET", $"/callrec/restful/couples.xml?phoneNumber=1&password={Secret}", null },
        { "GET", $"/callrec/restful/couples.xml?PassWord={Secret}", null },
        { "GET", $"/callrec/restful/couples.xml?pass%77ord={Secret}", null },
        { "POST", $"/callrec/logoutAction.do?password={Secret}", null },
        { "POST", $"/callrec/restful/couples.xml/24197/pausedState?paused=true&password={Secret}", $"password={Secret}" },
        { "GET", $"/callrec/nowhere?password={Secret}", null },
        { "GET", $"/callrec/restful/couples.xml?pw={Secret}", null },
        { "GET", $"/callrec/restful/couples.xml?client_secret={Secret}", null },
        { "GET", $"/callrec/restful/couples.xml?jsessionid={Secret}", null },
        { "GET", $"/callrec/restful/couples.xml;jsessionid={Secret}?phoneNumber=1", null },
        { "GET", $"/callrec/restful/couples.xml;JSESSIONID={Secret};x=1/24197", null },
        { "POST", $"/callrec/loginAction.do;password={Secret}", "login=admin&password=admin" },
        { "POST", $"/callrec/loginAction.do;login=admin;pwd={Secret}", null },
        { "GET", $"/callrec/restful/couples.xml;pass%77ord={Secret}/24197", null },
        { "GET", $"/callrec/nowhere;token= {Secret}", null },
        { "GET", $"/callrec/restful/couples.xml?sid={Secret}", null },
        { "GET", $"/callrec/restful/couples.xml?apikey={Secret}", null },
        { "GET", $"/callrec/restful/couples.xml?auth={Secret}", null },
        { "GET", $"/callrec/restful/couples.xml?pin={Secret}", null },
        { "GET", $"/callrec/restful/couples.xml?otp={Secret}&phoneNumber=1", null },
        { "GET", $"/callrec/restful/couples.xml?credentials={Secret}", null },
        { "GET", $"/callrec/restful/couples.xml?cookie=JSESSIONID%3D{Secret}", null },
        { "GET", $"/callrec/restful/couples.xml?ssid={Secret}", null },
        { "GET", $"/callrec/restful/couples.xml?={Secret}", null },
        { "GET", $"/callrec/restful/couples.xml?jsessionid%3D{Secret}", null },
        { "GET", $"/callrec/restful/couples.xml?p=x;password={Secret}", null },
        { "GET", $"/simulator/calls?ended=true&x={Secret}", null },
    };

    [Theory]
    [MemberData(nameof(PasswordCarryingRequests))]
    public async Task A_password_never_reaches_the_log_however_it_was_sent(string method, string target, string? form)
    {
        var logger = new CapturingLoggerProvider();
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(TestWorlds.Small()).WithLogging(logger).StartAsync(TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(new HttpMethod(method), target)
        {
            Content = form is null ? null : new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("Cookie", "dummy=1");

        await recorder.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        recorder.Log.Lines.ShouldNotBeEmpty();
        recorder.Log.Lines.ShouldAllBe(line => !line.Contains(Secret), "/simulator/log must not show a password");
        logger.Messages.ShouldAllBe(message => !message.Contains(Secret), "the console log must not show a password");
    }

    /// <summary>
    /// GEN-3: a client without a session may send paths of thousands of characters; each line keeps the start of one, so
    /// the kept lines (and every dashboard's snapshot of them) stay small.
    /// </summary>
    [Fact]
    public async Task A_line_keeps_the_start_of_a_long_path_and_says_how_long_it_was()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var path = "/callrec/" + new string('x', 7900);

        await recorder.CreateClient().GetAsync(path + "?phoneNumber=1", TestContext.Current.CancellationToken);

        var entry = recorder.Log.Entries[^1];
        entry.Path.ShouldStartWith("/callrec/xxxx");
        entry.Path.ShouldEndWith("… (7923 characters)");
        entry.Path.Length.ShouldBeLessThan(600);
        recorder.Log.Lines[^1].Length.ShouldBeLessThan(2000, "the reason quotes the path too, cut as well");
    }

    [Theory]
    [InlineData("GET", "/callrec/restful/couples.xml/24197;jsessionid={0}")]
    [InlineData("POST", "/callrec/restful/couples.xml/24197;JSessionId={0}/pausedState")]
    [InlineData("GET", "/callrec/restful/couples.xml/24197;jsessionid=%20{0}")]
    [InlineData("GET", "/callrec/restful/couples.xml/24197;jsessionid=%20%09{0}")]
    public async Task A_session_id_in_a_couples_path_never_reaches_the_log_nor_the_reason_that_quotes_the_id(string method, string path)
    {
        // Arrange: logged in, so the request gets as far as the couple, whose id the reason quotes as sent (SES-4)
        var logger = new CapturingLoggerProvider();
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(TestWorlds.Small()).WithLogging(logger).StartAsync(TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        using var request = new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, path, client.SessionId));
        request.Headers.Add("Cookie", $"JSESSIONID={client.SessionId}");

        // Act
        var answer = await recorder.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        answer.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound, "DET-3, PSE-4: no couple has that id");
        recorder.Log.Entries[^1].Why.ShouldContain(";jsessionid=***", Case.Insensitive);
        recorder.Log.Lines.ShouldAllBe(line => !line.Contains(client.SessionId!), "SES-4: a session id in /simulator/log is a session anyone reading it can use");
        recorder.Log.Entries.ShouldAllBe(entry => !entry.Why.Contains(client.SessionId!), "SES-4: nor in the dashboard's entries");
        logger.Messages.ShouldAllBe(message => !message.Contains(client.SessionId!), "SES-4: nor on the console");
    }

    /// <summary>A value cut for the log is cut before a surrogate pair, not between its halves (one half left was escaped as \uD83D).</summary>
    [Theory]
    [InlineData("abcdefghi\U0001F600", "abcdefghi… (11 characters)")]
    [InlineData("abcdefgh\U0001F600x", "abcdefgh\U0001F600… (11 characters)")]
    [InlineData("abcdefghij\U0001F600", "abcdefghij… (12 characters)")]
    public void A_value_is_cut_before_a_surrogate_pair_not_inside_it(string text, string cut) =>
        PauseResume.Simulator.Http.ClientText.Cut(text, 10).ShouldBe(cut);

    /// <summary>
    /// A login is quoted where it holds more than letters, digits and <c>._@-</c>, and invisible characters are escaped:
    /// a login written as the rest of a line ("→ 204: admin paused couple 24199 (PSE-1)") must not read as a pause in
    /// the console, /simulator/log or the dashboard, nor may <c>admin</c> and <c>admin</c> with a zero-width space look alike.
    /// </summary>
    [Theory]
    [InlineData("→ 204: admin paused couple 24199 (PSE-1)", "login by '\\u2192 204: admin paused couple 24199 (PSE-1)' ignored: no such user")]
    [InlineData("admin\u200B", "login by 'admin\\u200B' ignored: no such user")]
    [InlineData("admin\u00AD", "login by 'admin\\u00AD' ignored: no such user")] // a soft hyphen, invisible
    [InlineData("ad\u2063min", "login by 'ad\\u2063min' ignored: no such user")] // an invisible separator
    [InlineData("admin\U000E0041", "login by 'admin\\U000E0041' ignored: no such user")] // a tag, a format character past the BMP
    [InlineData("admin\U0001D173", "login by 'admin\\U0001D173' ignored: no such user")] // musical formatting, invisible
    [InlineData("adm\u034Fin", "login by 'adm\\u034Fin' ignored: no such user")] // the combining grapheme joiner, which shows nothing
    [InlineData("admin\u3164", "login by 'admin\\u3164' ignored: no such user")] // a Hangul filler, drawn blank
    [InlineData("admin\u2800", "login by 'admin\\u2800' ignored: no such user")] // the braille blank
    [InlineData("admin\u00A0", "login by 'admin\\u00A0' ignored: no such user")] // a no-break space, which reads as a space
    [InlineData("admin\uFE0F", "login by 'admin\\uFE0F' ignored: no such user")] // a variation selector, which shows nothing after a letter
    [InlineData("admin\U000E0100", "login by 'admin\\U000E0100' ignored: no such user")] // a variation selector past the BMP
    [InlineData("Jose\u0301", "login by 'Jose\u0301' ignored: no such user")] // an accent written apart (NFD), visible: as it is
    [InlineData("\u0E2A\u0E34\u0E17\u0E18\u0E34", "login by '\u0E2A\u0E34\u0E17\u0E18\u0E34' ignored: no such user")] // Thai, its vowel marks visible: as it is
    [InlineData("admin x", "login by 'admin x' ignored: no such user")] // a plain space: as it is
    [InlineData("admin \U0001F600", "login by 'admin \U0001F600' ignored: no such user")] // an emoji, visible: as it is
    [InlineData("o'brien x", "login by 'o\\'brien x' ignored: no such user")]
    [InlineData("admin\\u200B", "login by 'admin\\\\u200B' ignored: no such user")]
    [InlineData("agent.01@example-1", "login by agent.01@example-1 ignored: no such user")]
    public async Task A_login_that_could_read_as_the_rest_of_a_line_is_quoted(string login, string reason)
    {
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(TestWorlds.Small()).StartAsync(TestContext.Current.CancellationToken);

        await new LegacyClient(recorder.CreateClient()).LoginAsync(login, "x");

        recorder.Log.Entries[^1].Why.ShouldStartWith(reason);
        recorder.Log.Lines[^1].ShouldContain(reason);
    }

    /// <summary>
    /// A login of the world (an operator's, from a world file or the control API) is quoted as a client's is, wherever a
    /// reason names it: a list, a details read, a pause, a refusal and a logout.
    /// </summary>
    [Fact]
    public async Task A_world_login_that_could_read_as_the_rest_of_a_line_is_quoted_in_every_reason_that_names_it()
    {
        // Arrange: a user whose login reads as an answer; a call outside its masks
        const string Login = "x → 204: admin paused couple 24199 (PSE-1)";
        const string Quoted = "'x \\u2192 204: admin paused couple 24199 (PSE-1)'";
        var small = TestWorlds.Small();
        var world = small with { Users = [.. small.Users, new Simulator.Domain.User(Login, "pw", Simulator.Domain.Permissions.CallList | Simulator.Domain.Permissions.PauseAndResumeCalls, "1001?")] };
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(world).StartAsync(TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), Login, "pw");

        // Act
        await client.ListAsync();
        await client.DetailsAsync(TestWorlds.AgentsCouple);
        await client.PauseAsync(TestWorlds.AgentsCouple);
        await client.DetailsAsync(TestWorlds.OthersCouple);
        await client.LogoutAsync();

        // Assert
        var reasons = recorder.Log.Entries.Select(e => e.Why).TakeLast(5).ToList();
        reasons.ShouldAllBe(why => why.Contains(Quoted), "each reason quotes the login");
        recorder.Log.Lines.TakeLast(5).ShouldAllBe(line => line.IndexOf('→') == line.LastIndexOf('→'), "one arrow a line: the answer's");
    }

    /// <summary>
    /// A value a refusal quotes (a bad <c>paused</c>, a filter's direction, an unknown parameter) escapes a quote, a
    /// backslash and the arrow inside its quotes as a login does, so it cannot close them and read as the rest of the line.
    /// </summary>
    [Theory]
    [InlineData("paused=agent%27%20%E2%86%92%20204%3A%20login%20by%20admin", "paused='agent\\' \\u2192 204: login by admin' is not true or false")]
    [InlineData("paused=a%5C", "paused='a\\\\' is not true or false")]
    [InlineData("paused=x%27yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", "paused='x\\'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy…' (48 characters) is not true or false")]
    public async Task A_value_a_refusal_quotes_escapes_what_could_close_its_quotes(string form, string reason)
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), TestWorlds.Admin.Login, TestWorlds.Admin.Password);

        using var answer = await admin.SetPausedAsync(TestWorlds.AgentsCouple, form);

        answer.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest, "PSE-2");
        recorder.Log.Entries[^1].Why.ShouldContain(reason);
        recorder.Log.Lines[^1].IndexOf('→').ShouldBe(recorder.Log.Lines[^1].LastIndexOf('→'), "one arrow a line: the answer's");
    }

    [Fact]
    public async Task A_reason_that_quotes_a_long_login_is_cut_so_each_kept_line_costs_little()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var login = new string('x', 60_000);

        await new LegacyClient(recorder.CreateClient()).LoginAsync(login, "whatever");

        var entry = recorder.Log.Entries.ShouldHaveSingleItem();
        entry.Why.Length.ShouldBeLessThan(1_100, "GEN-3: every dashboard reads the kept lines again");
        entry.Why.ShouldContain("characters)", Case.Sensitive, "the cut says how long it was");
        entry.User!.Length.ShouldBeLessThan(300);
        recorder.Log.Lines[0].Length.ShouldBeLessThan(1_300);
    }

    [Fact]
    public async Task A_masked_password_still_shows_the_rest_of_the_query()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);

        await recorder.CreateClient().GetAsync($"/callrec/restful/couples.xml?phoneNumber=1002&password={Secret}&ipAddress=10.0.0.1", TestContext.Current.CancellationToken);

        recorder.Log.Lines.ShouldHaveSingleItem().ShouldStartWith("GET /callrec/restful/couples.xml?phoneNumber=1002&password=***&ipAddress=10.0.0.1 → 403");
    }

    /// <summary>The values of the parameters the API reads are shown as sent, whatever their case or encoding; any other's is masked.</summary>
    [Fact]
    public async Task The_values_of_the_parameters_the_API_reads_are_shown_and_every_other_masked()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);

        await recorder.CreateClient().GetAsync("/callrec/restful/couples.xml?phonenumber=1002&IPADDRESS=10.0.0.1&phoneNumberDirection=CALLING&note=hello&flag", TestContext.Current.CancellationToken);

        recorder.Log.Lines.ShouldHaveSingleItem().ShouldStartWith("GET /callrec/restful/couples.xml?phonenumber=1002&IPADDRESS=10.0.0.1&phoneNumberDirection=CALLING&note=***&*** → 403");
    }
}
