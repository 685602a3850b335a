using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>One endpoint filter writes every request's log line, for the legacy API and the control API alike.</summary>
public sealed class RequestLogFilterTests
{
    [Fact]
    public async Task A_refused_control_request_gets_one_log_line_saying_why()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();

        // Act
        using var response = await Control.PostAsync(http, "/simulator/calls", "[1, 2]");

        // Assert
        var lines = recorder.Log.Lines.Where(l => l.StartsWith("POST /simulator/calls", StringComparison.Ordinal)).ToList();
        lines.Count.ShouldBe(1, "every control request gets exactly one log line");
        lines[0].ShouldStartWith("POST /simulator/calls → 400: the body is not the JSON object this request takes", customMessage: lines[0]);
        lines[0].ShouldEndWith("(control API)");
    }

    [Fact]
    public async Task A_control_request_that_succeeds_gets_its_log_line_too()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);

        // Act
        using var response = await recorder.CreateClient().GetAsync("/simulator/users", TestContext.Current.CancellationToken);

        // Assert
        recorder.Log.Lines.ShouldContain(l => l.StartsWith("GET /simulator/users → 200: ", StringComparison.Ordinal), string.Join("\n", recorder.Log.Lines));
    }

    [Fact]
    public async Task A_control_request_s_log_line_says_what_it_did_and_never_carries_the_document_it_answered_with()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();

        // Act
        using var document = await http.GetAsync("/simulator/openapi.json", TestContext.Current.CancellationToken);
        using var started = await Control.PostAsync(http, "/simulator/calls", """{"callingNumber":"5551234","calledNumber":"10012"}""");

        // Assert
        ((int)document.StatusCode).ShouldBe(200);
        var line = recorder.Log.Lines.Single(l => l.StartsWith("GET /simulator/openapi.json", StringComparison.Ordinal));
        line.Length.ShouldBeLessThan(200, "a 64 KB document is no log line: " + line[..Math.Min(line.Length, 300)]);
        recorder.Log.Lines.ShouldContain("POST /simulator/calls → 201: start call (control API)");
    }

    [Fact]
    public async Task A_control_request_without_its_token_is_logged_as_refused_and_not_audited()
    {
        // Arrange
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(TestWorlds.Small()).WithControl(new ControlOptions(Token: "t0ken")).StartAsync(TestContext.Current.CancellationToken);

        // Act
        using var response = await recorder.CreateClient().GetAsync("/simulator/calls", TestContext.Current.CancellationToken);

        // Assert
        recorder.Log.Lines.ShouldContain(l => l.StartsWith("GET /simulator/calls → 401: ", StringComparison.Ordinal), string.Join("\n", recorder.Log.Lines));
        recorder.Audit.Report().RequestsSeen.ShouldBe(0, "the control API is no client's use of the recorder, so the audit does not see it");
    }

    [Fact]
    public async Task A_legacy_request_is_logged_once_with_the_rule_that_decided_it()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);

        // Act
        using var response = await recorder.CreateClient().GetAsync("/callrec/restful/couples.xml", TestContext.Current.CancellationToken);

        // Assert
        recorder.Log.Lines.ShouldHaveSingleItem().ShouldBe(
            "GET /callrec/restful/couples.xml → 403: not logged in: the request carries no JSESSIONID cookie (LST-2)", "LST-2");
    }

    /// <summary>
    /// One request, one line: a client's text quoted in a log line or an error body (a login, a paused value, a couple id)
    /// cannot start a forged line or drive the operator's terminal.
    /// </summary>
    [Fact]
    public async Task A_clients_line_breaks_and_escape_sequences_are_written_as_escapes()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        const string Forged = "POST /callrec/restful/couples.xml/24197/pausedState → 204: admin paused couple 24197 (PSE-1)";
        var login = new LegacyClient(recorder.CreateClient());

        // Act
        await login.LoginAsync("bob\n" + Forged + "\u001b[31m", "x");
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        using var details = await admin.SendAsync(HttpMethod.Get, "/callrec/restful/couples.xml/1%0Afake");
        var body = await details.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert
        recorder.Log.Lines.ShouldAllBe(l => !l.Contains('\n') && !l.Contains('\u001b'), string.Join("\n", recorder.Log.Lines));
        recorder.Log.Lines.ShouldContain(l => l.Contains(@"bob\n" + Forged.Replace("→", @"\u2192", StringComparison.Ordinal) + @"\u001B[31m", StringComparison.Ordinal), "the login is quoted, escaped");
        body.TrimEnd('\n').ShouldNotContain('\n', customMessage: body);
        body.ShouldContain("1\\nfake", Case.Sensitive, "the couple id is quoted, escaped");
    }
}
