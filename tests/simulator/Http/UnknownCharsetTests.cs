using System.Net;
using System.Text;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>GEN-3: a form in a charset the server cannot decode is the client's mistake: 400 with a message (a login: the login page), never a 500.</summary>
public sealed class UnknownCharsetTests
{
    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF-7")]
    [InlineData("\"utf-7\"")]
    [InlineData("bogus")]
    [InlineData("x-mac-klingon")]
    public async Task SES_3_A_login_in_an_unknown_charset_gets_the_login_page_as_a_login_that_does_not_work(string charset)
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());
        using var failed = await client.SendAsync(HttpMethod.Post, "/callrec/loginAction.do", Form("login=agent&password=wrong", "utf-8"));

        // Act
        using var response = await client.SendAsync(HttpMethod.Post, "/callrec/loginAction.do", Form("login=agent&password=agent-pw", charset));

        // Assert: SES-3, the page every login gets, and no one logged in (its fields could not be read)
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-3");
        response.Content.Headers.ContentType!.MediaType.ShouldBe(failed.Content.Headers.ContentType!.MediaType);
        (await response.Content.ReadAsStringAsync()).ShouldBe(await failed.Content.ReadAsStringAsync(), "SES-3: the same page as a login that does not work");
        recorder.Log.Entries[^1].Why.ShouldContain("is not one this server decodes");
        (await client.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-1: nobody logged in");
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("bogus")]
    public async Task GEN_3_A_pausedState_form_in_an_unknown_charset_is_400_and_pauses_nothing(string charset)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await admin.SendAsync(HttpMethod.Post, $"{LegacyClient.CouplesPath}/{AgentsCouple}/pausedState", Form("paused=true", charset));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "GEN-3");
        (await response.Content.ReadAsStringAsync()).ShouldContain("is not one this server decodes");
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBeFalse("GEN-3");
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("ISO-8859-1")]
    [InlineData("\"UTF-8\"")]
    [InlineData("windows-1252")]
    [InlineData("Cp1252")]
    [InlineData("UTF8")]
    [InlineData("ISO8859_1")]
    [InlineData("ISO-8859-15")]
    [InlineData("Shift_JIS")]
    public async Task A_charset_a_Java_server_knows_is_read(string charset)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var response = await admin.SendAsync(HttpMethod.Post, $"{LegacyClient.CouplesPath}/{AgentsCouple}/pausedState", Form("paused=true", charset));

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, "PSE-1");
    }

    /// <summary>SES-1: a form's %XX escapes are bytes of its charset, as a servlet reads them: caf%E9 in windows-1252 is café.</summary>
    [Theory]
    [InlineData("utf-8", "caf%C3%A9")]
    [InlineData("windows-1252", "caf%E9")]
    [InlineData("Cp1252", "caf%E9")]
    [InlineData("ISO-8859-1", "caf%E9")]
    public async Task A_password_escaped_in_the_forms_charset_logs_in(string charset, string password)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        recorder.Recorder.PutUser(new PauseResume.Simulator.Domain.User("cafe", "caf\u00e9", PauseResume.Simulator.Domain.Permissions.CallList, []));
        var client = new LegacyClient(recorder.CreateClient());

        await client.SendAsync(HttpMethod.Post, "/callrec/loginAction.do", Form($"login=cafe&password={password}", charset));

        (await client.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.OK, $"SES-1: the password read in {charset}");
    }

    private static ByteArrayContent Form(string body, string charset)
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", $"application/x-www-form-urlencoded; charset={charset}");
        return content;
    }
}
