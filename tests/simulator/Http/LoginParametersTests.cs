using System.Net;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>The profile setting loginParameters (SES-1): does login read its fields from the query string too?</summary>
public sealed class LoginParametersTests
{
    private const string LoginPath = "/callrec/loginAction.do";
    private const string FormAndQuery = "loginParameters=form-and-query";

    [Theory]
    [InlineData(null, "login=admin&password=secret", "", true)]
    [InlineData(null, "", "login=admin&password=secret", false)]
    [InlineData(null, "login=admin", "password=secret", false)]
    [InlineData("loginParameters=form", "", "login=admin&password=secret", false)]
    [InlineData(FormAndQuery, "login=admin&password=secret", "", true)]
    [InlineData(FormAndQuery, "", "login=admin&password=secret", true)]
    [InlineData(FormAndQuery, "login=admin", "password=secret", true)]
    [InlineData(FormAndQuery, "password=secret", "login=admin&password=wrong", true)]
    [InlineData(FormAndQuery, "password=wrong", "login=admin&password=secret", false)]
    [InlineData(null, "Login=admin&Password=secret", "", false)]
    [InlineData(FormAndQuery, "LOGIN=admin", "PASSWORD=secret", false)]
    public async Task SES_1_loginParameters_says_whether_login_reads_the_query_string_and_the_body_wins(
        string? setting, string body, string query, bool loggedIn)
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        var login = await client.SendAsync(HttpMethod.Post, $"{LoginPath}?{query}", Form(body));
        var list = await client.ListAsync();

        login.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-3: the answer never tells");
        list.StatusCode.ShouldBe(loggedIn ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"SES-1 under {setting ?? "the default"}: body '{body}', query '{query}'");
    }

    [Fact]
    public async Task SES_1_Under_form_and_query_a_login_without_a_body_at_all_reads_the_query_string()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(Profiles.With(FormAndQuery)), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient());

        await client.SendAsync(HttpMethod.Post, $"{LoginPath}?login=agent&password=agent-pw");
        var list = await client.ListAsync();

        list.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-1: the query string is read when no form is sent");
        recorder.Log.Lines[0].ShouldContain("agent logged in (SES-1)");
    }

    [Fact]
    public async Task SES_2_Under_form_and_query_a_login_without_a_cookie_still_logs_nobody_in()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(Profiles.With(FormAndQuery)), TestContext.Current.CancellationToken);
        var client = new LegacyClient(recorder.CreateClient()) { SendDummyCookie = false };

        await client.SendAsync(HttpMethod.Post, $"{LoginPath}?login=admin&password=secret");
        var list = await client.ListAsync();

        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-2 holds whatever loginParameters says");
    }

    private static FormUrlEncodedContent Form(string body) =>
        new(body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p[1])));
}
