using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Testing;

namespace PauseResume.Conformance.Targets;

/// <summary>
/// The simulator in-process: fully controllable, including its clock. A wrapper may stand between the kit and the
/// simulator, which is how the kit's tests build deliberately deviant recorders. Its profile is the one the kit
/// checks against, unless a wrapper pins another.
/// </summary>
internal sealed class InProcessTarget : ITarget
{
    private readonly FakeRecorder recorder;
    private readonly Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> wrap;

    public InProcessTarget(Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler>? wrap = null, string description = "in-process simulator")
    {
        // Inline: the kit sends thousands of requests a run, each answered at once, so TestHost's thread hand-offs were most of their cost.
        recorder = FakeRecorder.CreateBuilder().WithTransport(FakeTransport.Inline).StartAsync().GetAwaiter().GetResult();
        this.wrap = wrap ?? ((_, handler) => handler);
        Description = description;
        Control = new SimulatorControl(CreateClient())
        {
            ReadPausedStates = () => [.. recorder.Recorder.Couples(includeEnded: true).Select(c => (c.Couple.Id, c.Paused))],
        };
    }

    public string Description { get; }

    public SimulatorControl? Control { get; }

    public ClockKind Clock => ClockKind.Virtual;

    /// <summary>False: nothing starts or ends a couple in-process but the kit; a test may say otherwise, to stand for a simulator with traffic.</summary>
    public bool CallsComeAndGo { get; init; }

    /// <summary>
    /// A client that asks for a host name and port of its own rather than the test server's <c>localhost</c>, which is
    /// also what a server falls back to without a Host header: the links must name the host and port the client used (LST-5).
    /// </summary>
    public HttpClient CreateClient() => new(wrap(recorder, recorder.CreateHandler())) { BaseAddress = Address };

    private static Uri Address { get; } = new("http://recorder.test:8080/");

    public Task AdvanceTimeAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        recorder.Advance(by);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => recorder.DisposeAsync();
}
