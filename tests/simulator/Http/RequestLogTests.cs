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

    [Fact]
    public async Task A_masked_password_still_shows_the_rest_of_the_query()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);

        await recorder.CreateClient().GetAsync($"/callrec/restful/couples.xml?phoneNumber=1002&password={Secret}&ipAddress=10.0.0.1", TestContext.Current.CancellationToken);

        recorder.Log.Lines.ShouldHaveSingleItem().ShouldStartWith("GET /callrec/restful/couples.xml?phoneNumber=1002&password=***&ipAddress=10.0.0.1 → 403");
    }
}
