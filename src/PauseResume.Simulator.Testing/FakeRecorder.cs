using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Audit;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Http;
using PauseResume.Simulator.Time;
using PauseResume.Simulator.Traffic;

namespace PauseResume.Simulator.Testing;

/// <summary>
/// The simulator in-process, for .NET tests: the same app as the standalone server, on TestHost (no socket), with a
/// clock that only moves when told to. One instance per test; instances share nothing.
/// </summary>
/// <remarks>
/// The world is always the caller's choice. <see cref="StartAsync(CancellationToken)"/> and
/// <see cref="CreateBuilder"/> start from an <b>empty</b> world: a test arranges the users and calls it talks about, and
/// nothing else is there to answer a list or be paused with them (the default world's seven generated calls would
/// collide with a test's own numbers). <see cref="FakeRecorderBuilder.WithDefaultWorld"/> asks for the standalone
/// server's world, for a test that wants its accounts and calls.
/// </remarks>
public sealed class FakeRecorder : IAsyncDisposable, IDisposable
{
    /// <summary>The simulated clock starts here, so worlds generated from a seed are the same every run.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    // TestHost's own address, so the documents' self links read the same over either transport.
    private static readonly Uri InlineAddress = new("http://localhost/");

    private readonly WebApplication app;
    private readonly InlineServer? inline;

    internal FakeRecorder(WebApplication app)
    {
        this.app = app;
        inline = app.Services.GetService<InlineServer>();
        Clock = app.Services.GetRequiredService<SimulatorClock>();
        Traffic = app.Services.GetRequiredService<TrafficGenerator>();
        Recorder = app.Services.GetRequiredService<Recorder>();
        Log = app.Services.GetRequiredService<RequestLog>();
        Audit = app.Services.GetRequiredService<ClientAudit>();
        Faults = app.Services.GetRequiredService<Faults.FaultInjector>();
    }

    /// <summary>The faults on the legacy API: switch one on (<c>Faults.Add(new Fault("cut", FaultKind.Abort))</c>) or off at run time, read the counts.</summary>
    public Faults.FaultInjector Faults { get; }

    /// <summary>The recorder's state, to arrange (start and end calls, add users) and to assert on (paused state, history).</summary>
    public Recorder Recorder { get; }

    /// <summary>The recorder's clock, as the <see cref="TimeProvider"/> everything in it reads: <see cref="Clock"/>.</summary>
    public TimeProvider Time => Clock;

    /// <summary>
    /// The simulator's clock: manual at <see cref="Epoch"/> unless the builder said otherwise, over a host clock that is a
    /// <see cref="FakeTimeProvider"/> at <see cref="Epoch"/> unless the builder was given another (<see cref="SimulatorClock.Host"/>).
    /// </summary>
    public SimulatorClock Clock { get; }

    /// <summary>The call-centre traffic, off unless the builder or the control API starts it.</summary>
    public TrafficGenerator Traffic { get; }

    /// <summary>One line per request with the rule that decided it.</summary>
    public RequestLog Log { get; }

    /// <summary>
    /// What the clients served did that a real recorder could punish; <c>recorder.Audit.ShouldBeClean()</c> at the end of
    /// a test fails it with the audit's text.
    /// </summary>
    public ClientAudit Audit { get; }

    /// <summary>The address requests go to; self links in the documents start with it.</summary>
    public Uri BaseAddress => inline is null ? app.GetTestServer().BaseAddress : InlineAddress;

    /// <summary>The app's services, for a test of the simulator's own parts.</summary>
    internal IServiceProvider Services => app.Services;

    /// <summary>How this recorder's handlers carry requests into it (<see cref="FakeRecorderBuilder.WithTransport"/>).</summary>
    public FakeTransport Transport => inline is null ? FakeTransport.TestHost : FakeTransport.Inline;

    /// <summary>A builder for a recorder on an empty world, to arrange users, calls, profile, clock and logging.</summary>
    public static FakeRecorderBuilder CreateBuilder() => new();

    /// <summary>Starts a recorder on an empty world (no users, no calls): see the remarks on the class for why.</summary>
    public static Task<FakeRecorder> StartAsync(CancellationToken cancellationToken = default) => CreateBuilder().StartAsync(cancellationToken);

    /// <summary>Starts a recorder on <paramref name="world"/>.</summary>
    public static Task<FakeRecorder> StartAsync(World world, CancellationToken cancellationToken = default) =>
        CreateBuilder().WithWorld(world).StartAsync(cancellationToken);

    /// <summary>
    /// Starts a recorder on <paramref name="world"/> without awaiting, for a caller that cannot await (a constructor):
    /// TestHost starts without waiting on any I/O. Prefer <see cref="StartAsync(World, CancellationToken)"/>.
    /// </summary>
    /// <param name="sessionIds">Null for unguessable session ids; <see cref="SessionIds.PredictableForTests"/> only when a test needs the same ids every run.</param>
    public static FakeRecorder Start(World world, ControlOptions? control = null, ILoggerProvider? logger = null, SessionIds? sessionIds = null)
    {
        var builder = CreateBuilder().WithWorld(world).WithControl(control ?? new ControlOptions());
        builder = logger is null ? builder : builder.WithLogging(logger);
        builder = sessionIds is null ? builder : builder.WithSessionIds(sessionIds);
        return builder.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>A handler that sends requests straight into the recorder; wrap it with your own handlers as a real client would.</summary>
    public HttpMessageHandler CreateHandler() => inline is null ? app.GetTestServer().CreateHandler() : new InlineHandler(inline);

    /// <summary>A client without cookie handling: every cookie is the caller's to send (SES-2).</summary>
    public HttpClient CreateClient() => inline is null ? app.GetTestServer().CreateClient() : new(new InlineHandler(inline)) { BaseAddress = InlineAddress };

    /// <summary>
    /// A client that keeps the cookies the recorder sets, as a browser or an <see cref="HttpClientHandler"/> with
    /// cookies on would. It starts with none, so a first login through it is ignored (SES-2) unless the caller adds one.
    /// </summary>
    public HttpClient CreateCookieClient(System.Net.CookieContainer? cookies = null) =>
        new(new CookieKeepingHandler(cookies ?? new System.Net.CookieContainer()) { InnerHandler = CreateHandler() }) { BaseAddress = BaseAddress };

    /// <summary>A typed client of the <c>/simulator</c> control API of this recorder.</summary>
    public SimulatorControlClient CreateControlClient(string? token = null) => new(CreateClient(), token);

    /// <summary>
    /// Lets <paramref name="by"/> pass: a manual clock moves by it, firing what falls due on the way in time order (idle
    /// sessions expire, SES-6; scheduled calls start and end); a real or scaled clock over a <see cref="FakeTimeProvider"/>
    /// moves that host clock by it, so a clock scaled ×N moves N times as far.
    /// </summary>
    /// <exception cref="InvalidOperationException">The clock is real or scaled over a host clock only its owner can move.</exception>
    public void Advance(TimeSpan by)
    {
        if (Clock.Advance(by))
        {
            return;
        }

        if (Clock.Host is not FakeTimeProvider fake)
        {
            throw new InvalidOperationException($"this recorder's clock is {Clock.Setting.ModeName} over a {Clock.Host.GetType().Name}, which only its owner can move; "
                                                + "switch the clock to manual or advance that clock instead");
        }

        fake.Advance(by);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync().ConfigureAwait(false);

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
