using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Dashboard.Tests.Support;

/// <summary>The simulator library mounted in a WebApplication on real Kestrel, 127.0.0.1 port 0, as a browser reaches it.</summary>
internal sealed class SimulatorHost : IAsyncDisposable
{
    public static readonly User Admin = new("admin", "admin-pw", Permissions.CallList | Permissions.PauseAndResumeCalls);
    public static readonly User Agent = new("agent", "agent-pw", Permissions.CallList | Permissions.PauseAndResumeCalls, "1001?");
    public const long AgentsCouple = 24197;
    public const long OthersCouple = 24198;

    private readonly WebApplication app;

    private SimulatorHost(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public Recorder Recorder => app.Services.GetRequiredService<Recorder>();

    public static async Task<SimulatorHost> StartAsync(string? token = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Services.AddRecorderSimulator(simulator =>
        {
            simulator.World = new World(
                1,
                RecorderProfile.Default,
                [Admin, Agent],
                [
                    new NewCall("5551234", "10012", "10.0.0.5", "10.0.1.12", Direction.Incoming),
                    new NewCall("10031", "5559876", "10.0.1.31", "10.0.0.5", Direction.Outgoing),
                ]);
            simulator.Control = new ControlOptions(Token: token);
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapRecorderSimulator();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new SimulatorHost(app, address);
    }

    public Uri Page(string query = "") => new(Address, "/simulator/ui" + query);

    /// <summary>A legacy client: it sends a cookie of its own before logging in, as the documented procedure does (SES-2).</summary>
    public HttpClient LegacyClient(bool withCookie = true)
    {
        var cookies = new CookieContainer();
        if (withCookie)
        {
            cookies.Add(Address, new Cookie("dummy", "1"));
        }

        return new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Address };
    }

    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, User user) =>
        client.PostAsync("/callrec/loginAction.do",
            new FormUrlEncodedContent([new("login", user.Login), new("password", user.Password)]), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PauseAsync(HttpClient client, long coupleId) =>
        client.PostAsync($"/callrec/restful/couples.xml/{coupleId}/pausedState",
            new FormUrlEncodedContent([new("paused", "true")]), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(TestContext.Current.CancellationToken);
        await app.DisposeAsync();
    }
}
