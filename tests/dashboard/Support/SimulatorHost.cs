using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Dashboard.Tests.Support;

/// <summary>The simulator library on real Kestrel, 127.0.0.1 port 0, as a browser reaches it, with the page's world and legacy client.</summary>
internal sealed class SimulatorHost : IAsyncDisposable
{
    public static readonly User Admin = new("admin", "admin-pw", Permissions.CallList | Permissions.PauseAndResumeCalls);
    public static readonly User Agent = new("agent", "agent-pw", Permissions.CallList | Permissions.PauseAndResumeCalls, "1001?");
    public const long AgentsCouple = 24197;
    public const long OthersCouple = 24198;

    private readonly KestrelSimulator simulator;

    private SimulatorHost(KestrelSimulator simulator) => this.simulator = simulator;

    public Uri Address => simulator.Client.BaseAddress!;

    public Recorder Recorder => simulator.Services.GetRequiredService<Recorder>();

    /// <summary>The streams the pages are served by, whose least age to end a test may shorten.</summary>
    public PauseResume.Simulator.Http.DashboardEvents Events => simulator.Services.GetRequiredService<PauseResume.Simulator.Http.DashboardEvents>();

    public static async Task<SimulatorHost> StartAsync(string? token = null)
    {
        var world = new World(
            1,
            RecorderProfile.Default,
            [Admin, Agent],
            [
                new NewCall("5551234", "10012", "10.0.0.5", "10.0.1.12", Direction.Incoming),
                new NewCall("10031", "5559876", "10.0.1.31", "10.0.0.5", Direction.Outgoing),
            ]);
        return new SimulatorHost(await KestrelSimulator.StartAsync(world, new ControlOptions(Token: token)));
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

    public ValueTask DisposeAsync() => simulator.DisposeAsync();
}
