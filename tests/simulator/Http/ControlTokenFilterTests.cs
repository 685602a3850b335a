using System.Net;
using PauseResume.Simulator.Hosting;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>With a control token, a request carries exactly one: two are refused, whichever of them is right.</summary>
public sealed class ControlTokenFilterTests
{
    private const string Token = "t0k3n-exactly-once";

    [Theory]
    [InlineData(new[] { Token }, null, HttpStatusCode.OK)]
    [InlineData(new[] { Token, "wrong" }, null, HttpStatusCode.Unauthorized)]
    [InlineData(new[] { "wrong", Token }, null, HttpStatusCode.Unauthorized)]
    [InlineData(new[] { Token, Token }, null, HttpStatusCode.Unauthorized)]
    [InlineData(new string[0], new[] { "Bearer " + Token }, HttpStatusCode.OK)]
    [InlineData(new string[0], new[] { "Bearer " + Token, "Bearer wrong" }, HttpStatusCode.Unauthorized)]
    [InlineData(new[] { Token + " " }, null, HttpStatusCode.Unauthorized)]
    [InlineData(new[] { Token }, new[] { "Bearer wrong" }, HttpStatusCode.Unauthorized)]
    [InlineData(new[] { "wrong" }, new[] { "Bearer " + Token }, HttpStatusCode.Unauthorized)]
    [InlineData(new[] { Token }, new[] { "Bearer " + Token }, HttpStatusCode.Unauthorized)]
    public async Task A_control_request_with_two_tokens_is_refused_as_one_without_any(string[] tokenHeaders, string[]? authorization, HttpStatusCode expected)
    {
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(Small()).WithControl(new ControlOptions(Token: Token))
            .StartAsync(TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/simulator/profile");
        foreach (var token in tokenHeaders)
        {
            request.Headers.TryAddWithoutValidation("X-Simulator-Token", token).ShouldBeTrue();
        }

        foreach (var value in authorization ?? [])
        {
            request.Headers.TryAddWithoutValidation("Authorization", value).ShouldBeTrue();
        }

        using var answer = await recorder.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        answer.StatusCode.ShouldBe(expected, await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        if (tokenHeaders.Length + (authorization?.Length ?? 0) > 1)
        {
            (await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("needs one token");
        }
    }

    /// <summary>
    /// The page's <c>?token=</c> and the dashboard's cookie given twice are no token either: the first <c>?token=</c> and
    /// the last cookie counted, so a wrong one beside the right one passed or failed by its place.
    /// </summary>
    [Theory]
    [InlineData("/simulator/ui?token=" + Token, null, HttpStatusCode.Found)]
    [InlineData("/simulator/ui?token=" + Token + "&token=wrong", null, HttpStatusCode.Unauthorized)]
    [InlineData("/simulator/ui?token=wrong&token=" + Token, null, HttpStatusCode.Unauthorized)]
    [InlineData("/simulator/users", "simulator-token={pass}", HttpStatusCode.OK)]
    [InlineData("/simulator/users", "simulator-token=wrong; simulator-token={pass}", HttpStatusCode.Unauthorized)]
    [InlineData("/simulator/users", "simulator-token={pass}; simulator-token=wrong", HttpStatusCode.Unauthorized)]
    [InlineData("/simulator/ui?token=" + Token, "simulator-token=old; simulator-token=older", HttpStatusCode.Found)]
    public async Task The_pages_token_or_the_dashboards_cookie_given_twice_is_refused_as_none(string path, string? cookie, HttpStatusCode expected)
    {
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(Small()).WithControl(new ControlOptions(Token: Token))
            .StartAsync(TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie.Replace("{pass}", PauseResume.Simulator.Http.DashboardToken.Pass(Token), StringComparison.Ordinal)).ShouldBeTrue();
        }

        using var answer = await recorder.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        answer.StatusCode.ShouldBe(expected, await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        if (expected == HttpStatusCode.Unauthorized)
        {
            (await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("needs one token");
        }
    }

    /// <summary>
    /// The dashboard's cookie holds a pass made from the token, not the token: whoever reads the browser's cookies learns
    /// no secret that serves as the X-Simulator-Token header, and the token itself in the cookie lets nothing in.
    /// </summary>
    [Fact]
    public async Task The_dashboards_cookie_holds_a_pass_that_is_not_the_token_and_serves_only_as_the_cookie()
    {
        // Arrange
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(Small()).WithControl(new ControlOptions(Token: Token))
            .StartAsync(TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        using var page = await http.GetAsync($"/simulator/ui?token={Token}", TestContext.Current.CancellationToken);
        var pass = page.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem().Split(';')[0]["simulator-token=".Length..];

        async Task<HttpStatusCode> UsersAsync(string header, string value)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/simulator/users");
            request.Headers.TryAddWithoutValidation(header, value).ShouldBeTrue();
            using var answer = await http.SendAsync(request, TestContext.Current.CancellationToken);
            return answer.StatusCode;
        }

        // Act
        var byCookie = await UsersAsync("Cookie", $"simulator-token={pass}");
        var passAsHeader = await UsersAsync("X-Simulator-Token", pass);
        var tokenAsCookie = await UsersAsync("Cookie", $"simulator-token={Token}");

        // Assert
        pass.ShouldNotContain(Token);
        byCookie.ShouldBe(HttpStatusCode.OK);
        passAsHeader.ShouldBe(HttpStatusCode.Unauthorized, "the pass is no token");
        tokenAsCookie.ShouldBe(HttpStatusCode.Unauthorized, "the cookie holds the pass, never the token");
    }
}
