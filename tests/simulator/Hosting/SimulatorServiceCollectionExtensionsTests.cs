using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Tests.Support;
using PauseResume.Simulator.Time;

namespace PauseResume.Simulator.Tests.Hosting;

/// <summary>The simulator as a library: registered and mapped inside a host of the caller's own, options checked at start.</summary>
public sealed class SimulatorServiceCollectionExtensionsTests
{
    [Fact]
    public async Task Mounted_in_a_host_of_its_own_the_simulator_answers_beside_the_hosts_endpoints()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        await using var app = Host(services => services.AddRecorderSimulator(simulator => simulator.World = TestWorlds.Small()));
        app.MapGet("/health", () => "ok");
        var group = app.MapRecorderSimulator();
        await app.StartAsync(cancel);
        var http = app.GetTestClient();

        // Act
        using var list = await http.GetAsync("/callrec/restful/couples.xml", cancel);
        using var health = await http.GetAsync("/health", cancel);
        using var elsewhere = await http.GetAsync("/elsewhere", cancel);

        // Assert
        group.ShouldNotBeNull();
        ((int)list.StatusCode).ShouldBe(403, "LST-2: the legacy API is served");
        (await health.Content.ReadAsStringAsync(cancel)).ShouldBe("ok", "the host's own endpoints stay the host's");
        ((int)elsewhere.StatusCode).ShouldBe(404, "no global fallback: outside /callrec and /simulator the host answers");
        (await elsewhere.Content.ReadAsStringAsync(cancel)).ShouldBeEmpty("GEN-1 belongs to /callrec only; this 404 is the host's");
    }

    /// <summary>
    /// GEN-3: a request that ends in an exception is the simulator's own fault, answered 500 by the host; it is still in
    /// the request log (and so in the dashboard), never left out. Here a host's endpoint in the simulator's group throws,
    /// as no request of the simulator's own should make it.
    /// </summary>
    [Fact]
    public async Task GEN_3_A_request_that_ends_in_an_exception_is_still_in_the_request_log()
    {
        // Arrange
        var cancel = TestContext.Current.CancellationToken;
        await using var app = Host(services => services.AddRecorderSimulator(simulator => simulator.World = TestWorlds.Small()));
        app.MapRecorderSimulator().MapGet("/callrec/failing", string () => throw new InvalidOperationException("a fault"));
        await app.StartAsync(cancel);

        // Act: TestHost hands the exception to the client, where Kestrel answers 500
        await Should.ThrowAsync<InvalidOperationException>(() => app.GetTestClient().GetAsync("/callrec/failing", cancel));

        // Assert
        var log = app.Services.GetRequiredService<PauseResume.Simulator.Http.RequestLog>();
        log.Lines.ShouldContain(line => line.Contains("/callrec/failing", StringComparison.Ordinal) && line.Contains("500", StringComparison.Ordinal) && line.Contains("InvalidOperationException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_hosts_own_time_stays_the_hosts_while_the_simulators_clock_is_manual()
    {
        // Arrange
        var hostTime = new FakeTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));
        await using var app = Host(services =>
        {
            services.AddSingleton<TimeProvider>(hostTime);
            services.AddRecorderSimulator(simulator => simulator.World = TestWorlds.Small() with { Clock = ClockSetting.Manual });
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var clock = app.Services.GetRequiredService<SimulatorClock>();

        // Act
        clock.Advance(TimeSpan.FromHours(3));

        // Assert
        app.Services.GetRequiredService<TimeProvider>().ShouldBeSameAs(hostTime, "a host's own services keep reading the time it registered");
        hostTime.GetUtcNow().ShouldBe(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero), "advancing the simulator's clock moves only the simulator (SES-6, traffic)");
        clock.Host.ShouldBeSameAs(hostTime, "the simulator's clock runs over the host's time");
        clock.GetUtcNow().ShouldBe(hostTime.GetUtcNow() + TimeSpan.FromHours(3));
    }

    [Fact]
    public async Task A_host_that_names_no_world_fails_to_start_saying_which_option_is_missing()
    {
        // Arrange
        await using var app = Host(services => services.AddRecorderSimulator(_ => { }));

        // Act
        var failure = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        // Assert
        failure.Message.ShouldContain("SimulatorOptions.World is required");
    }

    [Fact]
    public async Task A_world_with_two_users_of_one_login_is_refused_at_start()
    {
        // Arrange
        var twice = new User("agent", "a", Permissions.CallList, ["*"]);
        await using var app = Host(services => services.AddRecorderSimulator(
            simulator => simulator.World = World.Empty with { Users = [twice, twice] }));

        // Act
        var failure = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        // Assert
        failure.Message.ShouldContain("is already the login of users[0]");
    }

    [Fact]
    public async Task An_empty_control_token_is_refused_at_start()
    {
        // Arrange
        await using var app = Host(services => services.AddRecorderSimulator(simulator =>
        {
            simulator.World = World.Empty;
            simulator.Control = new Simulator.Hosting.ControlOptions(Token: " ");
        }));

        // Act
        var failure = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        // Assert
        failure.Message.ShouldContain("Control.Token");
    }

    private static WebApplication Host(Action<IServiceCollection> register)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        register(builder.Services);
        return builder.Build();
    }
}
