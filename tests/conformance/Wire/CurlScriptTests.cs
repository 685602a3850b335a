using System.Diagnostics;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Tests.Wire;

/// <summary>
/// A failure's reproduction script replays its requests with curl. A details read there showed only its status, where
/// the kit judges what the details show (DET-2 on the pausedState link, PSE-1 on paused): a reader of a DET-2 verdict
/// could not see the link it rests on.
/// </summary>
public sealed class CurlScriptTests
{
    [Fact]
    public async Task A_details_read_shows_its_paused_state_and_pausedState_link_in_the_script_and_in_what_it_prints()
    {
        // Arrange: a login and a read of a couple's details, as the kit sends them
        ModelUser[] accounts = [new("admin", "admin", true, true, [])];
        await using var target = new InProcessTarget();
        var id = (await target.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken)).Single().Id;
        using var http = target.CreateClient();
        var wire = new PauseResume.Conformance.Wire.Wire(http, TimeSpan.Zero, TimeProvider.System);
        await wire.LoginAsync(0, accounts[0], TestContext.Current.CancellationToken);
        var details = await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: TestContext.Current.CancellationToken);

        // Act
        var script = PauseResume.Conformance.Wire.CurlScript.From(wire.Transcript, http.BaseAddress!, null);
        var line = script.Split('\n').Single(l => l.Contains($"/callrec/restful/couples.xml/{id}'", StringComparison.Ordinal));
        var shown = await ThroughAsync(line, "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n" + details.Body);

        // Assert
        line.ShouldEndWith("# got 200, paused false, a pausedState link");
        shown.Length.ShouldBe(3, string.Join("\n", shown));
        shown[0].ShouldBe("HTTP/1.1 200");
        shown.ShouldContain("<paused>false</paused>");
        shown.ShouldContain(s => s.StartsWith('<') && s.EndsWith('>') && s.Contains($"couples.xml/{id}/pausedState\"", StringComparison.Ordinal) && s.Contains("rel=\"pausedState\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// The comments of a reproduction script quote what the recorder answered; a line break there ended the comment, and
    /// the rest of the answer ran as commands when the script was run (an independent recorder's logout page did so).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task What_the_recorder_answered_never_runs_as_a_command_of_the_script(bool inTheFailure)
    {
        // Arrange: an answer whose text breaks a line and names a command, in the failure's words or in a details document
        var marker = Path.Combine(Path.GetTempPath(), $"curl-script-{Guid.NewGuid():N}");
        var injected = $"\ntouch {marker}\n";
        var details = new PauseResume.Conformance.Wire.Exchange(0, "GET", "/callrec/restful/couples.xml/1", "JSESSIONID=AB", null, 200, "application/xml",
            new Dictionary<string, string>(), $"<couples id=\"1\" callId=\"1\"><paused>true{injected}</paused></couples>");
        var logout = new PauseResume.Conformance.Wire.Exchange(0, "POST", "/callrec/logoutAction.do", "JSESSIONID=AB", string.Empty, 200, "text/html",
            new Dictionary<string, string>(), $"<html>{injected}</html>");
        var script = PauseResume.Conformance.Wire.CurlScript.From(inTheFailure ? [logout] : [details, logout], new Uri("http://127.0.0.1:9"), null, inTheFailure ? $"SES-5: expected the login page, actual <html>{injected}</html>" : null);
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, script, TestContext.Current.CancellationToken);

        // Act: the script run against a port where nothing listens
        try
        {
            using var process = Process.Start(new ProcessStartInfo("bash", [path, "http://127.0.0.1:9"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);

            // Assert
            File.Exists(marker).ShouldBeFalse(script);
            script.Split('\n').ShouldNotContain(line => line.StartsWith("touch", StringComparison.Ordinal), script);
        }
        finally
        {
            File.Delete(path);
            File.Delete(marker);
        }
    }

    /// <summary>
    /// SES-4: a slot that logs in and goes on with its old session id (a client that ignores the Set-Cookie) is replayed so:
    /// the script took the new id from the login's answer, and its next request showed the 403 the kit expected instead
    /// of the difference it reported.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SES_4_A_slot_that_goes_on_with_its_old_session_id_keeps_it_in_the_script(bool keepsOld)
    {
        // Arrange: a login answered with a new id, then a list
        var headers = new Dictionary<string, string> { ["Set-Cookie"] = "JSESSIONID=00000000000000000000000000000B0B; Path=/callrec; HttpOnly" };
        var login = new PauseResume.Conformance.Wire.Exchange(0, "POST", "/callrec/loginAction.do", "JSESSIONID=00000000000000000000000000000A0A", "login=admin&password=admin", 200, "text/html", headers, "<html/>");
        var list = new PauseResume.Conformance.Wire.Exchange(0, "GET", "/callrec/restful/couples.xml", "JSESSIONID=00000000000000000000000000000A0A", null, 200, "application/xml", new Dictionary<string, string>(), "<couples/>");
        PauseResume.Conformance.Wire.Exchange[] transcript = keepsOld
            ? [login, PauseResume.Conformance.Wire.Exchange.Note(PauseResume.Conformance.Wire.CurlScript.KeepsOldSession(0)), list]
            : [login, list];

        // Act
        var script = PauseResume.Conformance.Wire.CurlScript.From(transcript, new Uri("http://127.0.0.1:9"), null);

        // Assert
        var loginLine = script.Split('\n').Single(l => l.Contains("loginAction.do", StringComparison.Ordinal));
        loginLine.StartsWith("A=$(", StringComparison.Ordinal).ShouldBe(!keepsOld, script);
        script.Contains("goes on with its old session id", StringComparison.Ordinal).ShouldBe(keepsOld, script);
    }

    /// <summary>What the script's <paramref name="line"/> prints where its curl answers <paramref name="answer"/>.</summary>
    private static async Task<string[]> ThroughAsync(string line, string answer)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, answer, TestContext.Current.CancellationToken);
            var pipe = line[line.IndexOf(" | ", StringComparison.Ordinal)..line.IndexOf("   # ", StringComparison.Ordinal)];
            var bash = new ProcessStartInfo("bash", ["-c", $"cat '{path}'{pipe}"]) { RedirectStandardOutput = true };
            using var process = Process.Start(bash)!;
            var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
