using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Simulator.Tests.Hosting;

/// <summary>The standalone host's logging costs a request its one line and nothing of the framework's.</summary>
public sealed class StandaloneLoggingTests
{
    [Fact]
    public async Task A_request_to_the_standalone_host_starts_no_activity_of_the_framework()
    {
        // Arrange: the host as the standalone simulator sets up its log, with an endpoint that says what it was given.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.AddConsoleRequestLog();
        await using var app = builder.Build();
        app.MapGet("/activity", (HttpContext context) =>
            $"{Activity.Current?.OperationName ?? "none"} {(context.Features.Get<IHttpActivityFeature>() is null ? "no feature" : "feature")}");
        await app.StartAsync(TestContext.Current.CancellationToken);

        // Act
        var answer = await app.GetTestClient().GetStringAsync(new Uri("/activity", UriKind.Relative), TestContext.Current.CancellationToken);

        // Assert
        answer.ShouldBe("none no feature", "an Activity and a logging scope per request cost CPU under load, and nothing reads them");
    }
}
