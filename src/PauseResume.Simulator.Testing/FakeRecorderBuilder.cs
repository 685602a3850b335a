using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Time;
using PauseResume.Simulator.Traffic;
using PauseResume.Simulator.Worlds;

namespace PauseResume.Simulator.Testing;

/// <summary>
/// Arranges a <see cref="FakeRecorder"/> before it starts: its world (empty unless told otherwise), users and calls
/// added to it, its profile, its clock, its logging. Each method returns a new builder, so a shared one is never changed.
/// </summary>
public sealed record FakeRecorderBuilder
{
    private World World { get; init; } = World.Empty;

    private ControlOptions Control { get; init; } = new();

    private TimeProvider? Time { get; init; }

    private ILoggerProvider? Logger { get; init; }

    private SessionIds? SessionIds { get; init; }

    private IReadOnlyList<Faults.Fault> Faults { get; init; } = [];

    private FakeTransport Transport { get; init; } = FakeTransport.TestHost;

    /// <summary>Switches <paramref name="fault"/> on from the start; a fault it cannot switch on fails <see cref="StartAsync"/>.</summary>
    public FakeRecorderBuilder WithFault(Faults.Fault fault) => this with { Faults = [.. Faults, fault ?? throw new ArgumentNullException(nameof(fault))] };

    /// <summary>Starts from <paramref name="world"/> instead of the empty world; users and calls added later join it.</summary>
    public FakeRecorderBuilder WithWorld(World world) => this with { World = world ?? throw new ArgumentNullException(nameof(world)) };

    /// <summary>Starts from the standalone server's default world (its accounts and generated calls) at <see cref="FakeRecorder.Epoch"/>.</summary>
    public FakeRecorderBuilder WithDefaultWorld(int seed = DefaultWorld.DefaultSeed) => WithWorld(DefaultWorld.Create(FakeRecorder.Epoch, seed));

    public FakeRecorderBuilder WithProfile(RecorderProfile profile) => this with { World = World with { Profile = profile } };

    public FakeRecorderBuilder WithUser(User user) => this with { World = World with { Users = [.. World.Users, user] } };

    /// <param name="phoneMasks">The numbers the user may see (<c>*</c> for all, <c>100*</c> for a prefix); none: no call at all.</param>
    public FakeRecorderBuilder WithUser(string login, string password, Permissions permissions, params string[] phoneMasks) =>
        WithUser(new User(login, password, permissions, phoneMasks));

    public FakeRecorderBuilder WithCall(NewCall call) => this with { World = World with { Calls = [.. World.Calls, call] } };

    public FakeRecorderBuilder WithCall(string callingNumber, string calledNumber, Direction direction = Direction.Unknown) =>
        WithCall(new NewCall(callingNumber, calledNumber, Direction: direction));

    /// <summary>
    /// The host clock the recorder's clock runs over; given one, the recorder's clock is real (it follows that clock) unless
    /// <see cref="WithClock"/> says otherwise. Without one it is a <see cref="FakeTimeProvider"/> at <see cref="FakeRecorder.Epoch"/>
    /// and the recorder's clock is manual, moved by <see cref="FakeRecorder.Advance"/>.
    /// </summary>
    public FakeRecorderBuilder WithTime(TimeProvider time) => this with { Time = time ?? throw new ArgumentNullException(nameof(time)) };

    /// <summary>The recorder clock's mode: real, scaled ×N (over the host clock) or manual; the same as a world file's <c>clock</c>.</summary>
    public FakeRecorderBuilder WithClock(ClockSetting clock) => this with { World = World with { Clock = clock ?? throw new ArgumentNullException(nameof(clock)) } };

    /// <summary>Call-centre traffic from the start; it runs when <see cref="TrafficSettings.Running"/> is true, as in <c>new TrafficSettings { Running = true }</c>.</summary>
    public FakeRecorderBuilder WithTraffic(TrafficSettings traffic) => this with { World = World with { Traffic = traffic ?? throw new ArgumentNullException(nameof(traffic)) } };

    public FakeRecorderBuilder WithControl(ControlOptions control) => this with { Control = control ?? throw new ArgumentNullException(nameof(control)) };

    /// <summary>Where the recorder's logs go (its request log among them); without one they go nowhere.</summary>
    public FakeRecorderBuilder WithLogging(ILoggerProvider logger) => this with { Logger = logger ?? throw new ArgumentNullException(nameof(logger)) };

    /// <summary>How the recorder's handlers carry requests into it: TestHost (the default) or <see cref="FakeTransport.Inline"/>, quicker.</summary>
    public FakeRecorderBuilder WithTransport(FakeTransport transport) =>
        this with { Transport = Enum.IsDefined(transport) ? transport : throw new ArgumentOutOfRangeException(nameof(transport), transport, "no such transport") };

    /// <summary>Only for a test that needs the same session ids every run (<see cref="SessionIds.PredictableForTests"/>).</summary>
    public FakeRecorderBuilder WithSessionIds(SessionIds sessionIds) => this with { SessionIds = sessionIds };

    /// <summary>Starts the recorder; a world it cannot start from (two users with one login) fails here.</summary>
    public async Task<FakeRecorder> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        if (Transport == FakeTransport.Inline)
        {
            builder.Services.AddSingleton<InlineServer>();
            builder.Services.AddSingleton<Microsoft.AspNetCore.Hosting.Server.IServer>(services => services.GetRequiredService<InlineServer>());
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Logging.ClearProviders();
        if (Logger is not null)
        {
            builder.Logging.AddProvider(Logger);
        }

        // The framework's request logs echo whole URLs, passwords included; the simulator's own log masks them.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddSingleton(Time ?? new FakeTimeProvider(FakeRecorder.Epoch));
        var world = World.Clock is null ? World with { Clock = Time is null ? ClockSetting.Manual : ClockSetting.Real } : World;
        var control = Control;
        var sessionIds = SessionIds;
        var faults = Faults;
        builder.Services.AddRecorderSimulator(simulator =>
        {
            simulator.World = world;
            simulator.Control = control;
            simulator.SessionIds = sessionIds;
            simulator.Faults = [.. faults];
        });
        var app = builder.Build();
        try
        {
            app.MapRecorderSimulator();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new FakeRecorder(app);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
