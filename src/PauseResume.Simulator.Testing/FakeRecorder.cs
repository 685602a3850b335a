using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using PauseResume.Simulator.Audit;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Http;
using PauseResume.Simulator.Worlds;

namespace PauseResume.Simulator.Testing;

/// <summary>
/// The simulator in-process, for .NET tests: the same app as the standalone server, on TestHost (no socket),
/// with a clock that only moves when told to. One instance per test; instances share nothing.
/// </summary>
public sealed class FakeRecorder : IAsyncDisposable, IDisposable
{
    /// <summary>The simulated clock starts here, so worlds generated from a seed are the same every run.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private readonly WebApplication app;

    private FakeRecorder(WebApplication app, FakeTimeProvider time)
    {
        this.app = app;
        Time = time;
        Recorder = app.Services.GetRequiredService<Recorder>();
        Log = app.Services.GetRequiredService<RequestLog>();
        Audit = app.Services.GetRequiredService<ClientAudit>();
    }

    /// <summary>The recorder's state, to arrange (start and end calls, add users) and to assert on (paused state, history).</summary>
    public Recorder Recorder { get; }

    /// <summary>The simulated clock; advance it to let sessions expire (SES-6).</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>One line per request with the rule that decided it.</summary>
    public RequestLog Log { get; }

    /// <summary>
    /// What the clients served did that a real recorder could punish; <c>recorder.Audit.ShouldBeClean()</c> at the end of
    /// a test fails it with the audit's text.
    /// </summary>
    public ClientAudit Audit { get; }

    /// <summary>The address requests go to; self links in the documents start with it.</summary>
    public Uri BaseAddress => app.GetTestServer().BaseAddress;

    /// <summary>Starts a recorder on <paramref name="world"/>, or on the default world when none is given.</summary>
    /// <param name="sessionIds">Null for unguessable session ids; <see cref="SessionIds.PredictableForTests"/> only when a test needs the same ids every run.</param>
    public static FakeRecorder Start(World? world = null, ControlOptions? control = null, ILoggerProvider? logger = null, SessionIds? sessionIds = null)
    {
        var time = new FakeTimeProvider(Epoch);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (logger is not null)
        {
            builder.Logging.AddProvider(logger);
        }

        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddRecorderSimulator(simulator =>
        {
            simulator.World = world ?? DefaultWorld.Create(Epoch);
            simulator.Control = control ?? new ControlOptions();
            simulator.SessionIds = sessionIds;
        });
        var app = builder.Build();
        app.MapRecorderSimulator();
        app.StartAsync().GetAwaiter().GetResult(); // TestServer starts synchronously; nothing to wait for
        return new FakeRecorder(app, time);
    }

    /// <summary>A handler that sends requests straight into the recorder; wrap it with cookie handling as a real client would.</summary>
    public HttpMessageHandler CreateHandler() => app.GetTestServer().CreateHandler();

    /// <summary>A client without cookie handling: every cookie is the caller's to send (SES-2).</summary>
    public HttpClient CreateClient() => app.GetTestServer().CreateClient();

    public void Advance(TimeSpan by) => Time.Advance(by);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
