using System.Net;
using System.Text;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>The dashboard's page and assets: served by the library, nothing from elsewhere, and behind the control token.</summary>
public sealed class DashboardApiTests
{
    private const string Token = "t0k3n-for-the-dashboard";

    [Theory]
    [InlineData("/simulator/ui", "text/html")]
    [InlineData("/simulator/ui/dashboard.js", "text/javascript")]
    [InlineData("/simulator/ui/dashboard.css", "text/css")]
    public async Task Every_asset_is_served_by_the_simulator_and_loads_nothing_from_elsewhere(string path, string mediaType)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var response = await recorder.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        response.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldContain("default-src 'self'");
        text.ShouldNotContain("http://", Case.Insensitive, "the page works offline: no CDN, no remote asset");
        text.ShouldNotContain("https://", Case.Insensitive, "the page works offline: no CDN, no remote asset");
    }

    [Fact]
    public async Task The_page_asked_for_with_a_trailing_slash_sends_the_browser_to_the_page_its_assets_are_relative_to()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var response = await recorder.CreateClient().GetAsync("/simulator/ui/", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, "from /simulator/ui/ its script and style sheet would be looked for under /simulator/ui/ui/");
        response.Headers.Location!.OriginalString.ShouldBe("/simulator/ui");
    }

    [Fact]
    public async Task The_page_is_not_served_where_the_control_API_is_off()
    {
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(Small()).WithControl(new ControlOptions(Enabled: false))
            .StartAsync(TestContext.Current.CancellationToken);

        var response = await recorder.CreateClient().GetAsync("/simulator/ui", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task With_a_token_the_page_and_its_events_need_it()
    {
        await using var recorder = await Locked();
        var http = recorder.CreateClient();

        var page = await http.GetAsync("/simulator/ui", TestContext.Current.CancellationToken);
        var events = await http.GetAsync("/simulator/events", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var wrong = await http.GetAsync("/simulator/ui?token=wrong", TestContext.Current.CancellationToken);

        page.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        events.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.Headers.Contains("Set-Cookie").ShouldBeFalse("a wrong token earns no cookie");
    }

    /// <summary>
    /// The dashboard's own requests are not logged, but one refused for its token is, the token masked: guesses at the
    /// token through the page, its assets or its events left no trace in the console or /simulator/log.
    /// </summary>
    [Theory]
    [InlineData("/simulator/ui?token=WrongGuess123")]
    [InlineData("/simulator/ui/dashboard.js?token=WrongGuess123")]
    [InlineData("/simulator/events?token=WrongGuess123")]
    public async Task A_wrong_token_at_the_page_is_logged_masked(string path)
    {
        await using var recorder = await Locked();

        var response = await recorder.CreateClient().GetAsync(path, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var line = recorder.Log.Lines.ShouldHaveSingleItem();
        line.ShouldContain(path[..path.IndexOf('?')]);
        line.ShouldContain("401");
        line.ShouldNotContain("WrongGuess123");
    }

    [Fact]
    public async Task The_page_served_with_its_token_is_not_logged()
    {
        await using var recorder = await Locked();

        var response = await recorder.CreateClient().GetAsync($"/simulator/ui?token={Token}", TestContext.Current.CancellationToken);

        ((int)response.StatusCode).ShouldBeLessThan(400);
        recorder.Log.Lines.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_token_given_once_in_the_address_becomes_a_cookie_and_leaves_the_address()
    {
        await using var recorder = await Locked();
        var http = recorder.CreateClient();

        var first = await http.GetAsync($"/simulator/ui?token={Token}", TestContext.Current.CancellationToken);

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        first.Headers.Location!.OriginalString.ShouldBe("/simulator/ui");
        var cookie = first.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem();
        cookie.ShouldStartWith($"simulator-token={PauseResume.Simulator.Http.DashboardToken.Pass(Token)};");
        cookie.ShouldContain("path=/simulator", Case.Insensitive);
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=strict", Case.Insensitive);
        await http.GetAsync($"/simulator/calls?token={Token}", TestContext.Current.CancellationToken);
        recorder.Log.Lines.ShouldNotBeEmpty();
        recorder.Log.Lines.ShouldAllBe(line => !line.Contains(Token), "the request log masks a token in the address");
    }

    /// <summary>
    /// Routes match in any case, but a browser sends a cookie only under its path's own case: the cookie and the page a
    /// token given at /SIMULATOR/UI earns are /simulator's, or the dashboard's next requests would go without it.
    /// </summary>
    [Fact]
    public async Task The_token_given_at_the_page_in_another_case_earns_the_cookie_and_the_page_as_mapped()
    {
        await using var recorder = await Locked();

        var first = await recorder.CreateClient().GetAsync($"/SIMULATOR/Ui?token={Token}", TestContext.Current.CancellationToken);

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        first.Headers.Location!.OriginalString.ShouldBe("/simulator/ui");
        first.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem().ShouldContain("path=/simulator;", Case.Sensitive);
    }

    [Fact]
    public async Task The_token_in_the_address_replaces_a_cookie_left_from_another_token()
    {
        // Arrange: the browser still holds the cookie of a simulator started before with another token
        await using var recorder = await Locked();
        var http = recorder.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/simulator/ui?token={Token}");
        request.Headers.Add("Cookie", "simulator-token=the-token-of-an-earlier-run");

        // Act
        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the right token in the address lets the page in, whatever an old cookie says");
        response.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem().ShouldStartWith($"simulator-token={PauseResume.Simulator.Http.DashboardToken.Pass(Token)};");
    }

    [Fact]
    public async Task Without_a_token_a_token_in_the_address_earns_no_cookie()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var response = await recorder.CreateClient().GetAsync("/simulator/ui?token=anything", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse("there is no token to remember");
    }

    [Fact]
    public async Task The_cookie_stands_for_the_token_on_reads_and_on_changes_only_with_the_dashboard_header()
    {
        await using var recorder = await Locked();
        var http = recorder.CreateClient();
        const string call = """{"callingNumber":"5550001","calledNumber":"10019"}""";

        var page = await Send(http, HttpMethod.Get, "/simulator/ui", cookie: true);
        var events = await Send(http, HttpMethod.Get, "/simulator/events", cookie: true);
        var withoutHeader = await Send(http, HttpMethod.Post, "/simulator/calls", cookie: true, json: call);
        var withHeader = await Send(http, HttpMethod.Post, "/simulator/calls", cookie: true, json: call, dashboardHeader: true);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        events.StatusCode.ShouldBe(HttpStatusCode.OK);
        withoutHeader.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "another site's page could send the cookie, not the header");
        withHeader.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private static Task<FakeRecorder> Locked() =>
        FakeRecorder.CreateBuilder().WithWorld(Small()).WithControl(new ControlOptions(Token: Token)).StartAsync(TestContext.Current.CancellationToken);

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, bool cookie, string? json = null, bool dashboardHeader = false)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (cookie)
        {
            request.Headers.Add("Cookie", $"simulator-token={PauseResume.Simulator.Http.DashboardToken.Pass(Token)}");
        }

        if (dashboardHeader)
        {
            request.Headers.Add("X-Simulator-Dashboard", "1");
        }

        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
    }
}
