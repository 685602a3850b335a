using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>The dashboard of a simulator mounted under a path of its host: the token's cookie and redirect keep that path.</summary>
public sealed class DashboardMountedTests
{
    private const string Token = "t0k3n-for-a-mounted-dashboard";

    [Theory]
    [InlineData("route group")]
    [InlineData("path base")]
    public async Task The_token_given_once_leads_back_to_the_page_under_the_mount_with_a_cookie_for_its_control_API(string mounting)
    {
        // Arrange
        await using var app = await StartAsync(mounting);
        using var http = app.GetTestServer().CreateClient();

        // Act
        var first = await http.GetAsync($"/recorder/simulator/ui?token={Token}", TestContext.Current.CancellationToken);

        // Assert
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        first.Headers.Location!.OriginalString.ShouldBe("/recorder/simulator/ui", "the page where the browser asked for it, without the token");
        var cookie = first.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem();
        cookie.ShouldContain("path=/recorder/simulator;", Case.Insensitive, "a cookie for /simulator would never reach the mounted events and control API");
    }

    private static async Task<WebApplication> StartAsync(string mounting)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddRecorderSimulator(simulator =>
        {
            simulator.World = TestWorlds.Small();
            simulator.Control = new ControlOptions(Token: Token);
        });
        var app = builder.Build();
        if (mounting == "path base")
        {
            app.UsePathBase("/recorder");
            app.UseRouting();
            app.MapRecorderSimulator();
        }
        else
        {
            app.MapGroup("/recorder").MapRecorderSimulator();
        }

        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }
}
