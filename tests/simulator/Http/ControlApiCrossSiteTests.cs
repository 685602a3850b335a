using System.Net;
using System.Text;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>Without a token, a page of another site open in the developer's browser must not drive the control API.</summary>
public sealed class ControlApiCrossSiteTests
{
    private const string Mallory = """{"login":"mallory","password":"m","permissions":["CallList","PauseAndResumeCalls"]}""";

    [Theory]
    [InlineData("http://evil.example", null)]
    [InlineData("null", null)]
    [InlineData(null, "cross-site")]
    [InlineData(null, "same-site")]
    public async Task A_cross_site_request_is_refused_and_changes_nothing(string? origin, string? site)
    {
        // Arrange: what a page's form or no-cors fetch sends, a text/plain body needing no preflight
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        using var request = AddMallory(origin, site, "text/plain");

        // Act
        using var response = await recorder.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("no change from a page of another site");
        recorder.Recorder.Users().ShouldNotContain(u => u.Login == "mallory");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("http://localhost", "same-origin")]
    [InlineData(null, "none")]
    [InlineData("https://sim.example.com", "same-origin")] // the page's own button behind a proxy that ends TLS
    public async Task A_program_or_the_simulators_own_page_is_served(string? origin, string? site)
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        using var request = AddMallory(origin, site, "application/json");

        // Act
        using var response = await recorder.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    public async Task A_link_from_another_site_opens_the_dashboard(string site)
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(TestWorlds.Small(), TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/simulator/ui");
        request.Headers.Add("Sec-Fetch-Site", site);

        // Act
        using var response = await recorder.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        // Assert
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "a read changes nothing, and another site's page cannot read the answer");
    }

    /// <summary>A request that adds the user mallory, with the headers a browser would add (null: not sent).</summary>
    private static HttpRequestMessage AddMallory(string? origin, string? site, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/simulator/users") { Content = new StringContent(Mallory, Encoding.UTF8, contentType) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (site is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", site);
        }

        return request;
    }
}
