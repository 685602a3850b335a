using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Simulator.Tests.Support;

/// <summary>The simulator library on real Kestrel, on 127.0.0.1 port 0, for what only a socket shows (a client going away).</summary>
internal sealed class KestrelSimulator : IAsyncDisposable
{
    private readonly WebApplication app;

    private KestrelSimulator(WebApplication app, Uri address)
    {
        this.app = app;
        Client = new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    /// <param name="shutdownTimeout">How long a stop waits for requests still running (the host's default: 30 s).</param>
    /// <param name="services">Services registered before the simulator's own, which then keeps them (a <c>RequestBodies</c> of a test's own, say).</param>
    public static async Task<KestrelSimulator> StartAsync(World world, ControlOptions? control = null, TimeSpan? shutdownTimeout = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        if (shutdownTimeout is { } timeout)
        {
            builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(host => host.ShutdownTimeout = timeout);
        }

        services?.Invoke(builder.Services);
        builder.Services.AddRecorderSimulator(simulator =>
        {
            simulator.World = world;
            simulator.Control = control ?? new ControlOptions();
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapRecorderSimulator();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new KestrelSimulator(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync(TestContext.Current.CancellationToken);
        await app.DisposeAsync();
    }
}
