using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Conformance.Targets;

/// <summary>
/// The simulator in-process: fully controllable, including its clock. A wrapper may stand between the kit and the
/// simulator, which is how the kit's tests build deliberately deviant recorders.
/// </summary>
internal sealed class InProcessTarget : ITarget
{
    private readonly FakeRecorder recorder;
    private readonly Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler> wrap;

    public InProcessTarget(Func<FakeRecorder, HttpMessageHandler, HttpMessageHandler>? wrap = null, string description = "in-process simulator")
    {
        recorder = FakeRecorder.Start(World.Empty);
        this.wrap = wrap ?? ((_, handler) => handler);
        Description = description;
        Control = new SimulatorControl(CreateClient());
    }

    public string Description { get; }

    public SimulatorControl? Control { get; }

    public bool CanAdvanceTime => true;

    public HttpClient CreateClient() => new(wrap(recorder, recorder.CreateHandler())) { BaseAddress = recorder.BaseAddress };

    public void AdvanceTime(TimeSpan by) => recorder.Advance(by);

    public ValueTask DisposeAsync() => recorder.DisposeAsync();
}
