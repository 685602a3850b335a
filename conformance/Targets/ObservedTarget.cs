namespace PauseResume.Conformance.Targets;

/// <summary>A target the kit only observes, as it does a real recorder, even when it could control it.</summary>
internal sealed class ObservedTarget(ITarget inner) : ITarget
{
    public string Description => inner.Description;

    public SimulatorControl? Control => null;

    public ClockKind Clock => ClockKind.None;

    public bool CallsComeAndGo => true;

    public HttpClient CreateClient() => inner.CreateClient();

    public Task AdvanceTimeAsync(TimeSpan by, CancellationToken cancellationToken) => throw new NotSupportedException("an observed target's clock cannot be moved");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
