using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Tests.Concurrency;

/// <summary>
/// The in-process simulator, control API and all, taken as a standalone simulator is: a target whose clock runs on its
/// own, so the kit gives its details time to show a pause (--settle) as it does on a real recorder.
/// </summary>
internal sealed class RealClockTarget(ITarget inner) : ITarget
{
    public string Description => inner.Description;

    public SimulatorControl? Control => inner.Control;

    public ClockKind Clock => ClockKind.Real;

    public bool CallsComeAndGo => inner.CallsComeAndGo;

    public HttpClient CreateClient() => inner.CreateClient();

    public Task AdvanceTimeAsync(TimeSpan by, CancellationToken cancellationToken) => throw new NotSupportedException("the kit does not move this target's clock");

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
