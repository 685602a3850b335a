namespace PauseResume.Simulator.Faults;

/// <summary>A fault switched on: its own seeded generator, its count, when it was switched on. Touched only under the injector's lock.</summary>
internal sealed class ActiveFault(Fault fault, DateTimeOffset since) : IDisposable
{
    private readonly Random random = new(fault.Seed);

    // Cancelled when the fault is switched off: a latency it put on a request ends then (on a manual clock nothing else would end it).
    private readonly CancellationTokenSource off = new();

    public Fault Fault { get; } = fault;

    public long Injected { get; private set; }

    public DateTimeOffset? Until => Fault.Kind == FaultKind.Maintenance ? since + Fault.Duration : null;

    /// <summary>Switches the fault off: the delays it put on requests still waiting end (their token stays cancelled).</summary>
    public void Dispose()
    {
        off.Cancel();
        off.Dispose();
    }

    public bool IsActive(DateTimeOffset now) => Fault.Kind switch
    {
        FaultKind.Restart => Injected == 0,
        FaultKind.Maintenance => now < Until,
        _ => true,
    };

    /// <summary>
    /// Whether the fault hits this request. The generator is drawn from only for requests in scope, so the same requests
    /// in the same order are hit the same way every run.
    /// </summary>
    public FiredFault? TryFire(string path, string? user, string? rule, bool afterDecision, DateTimeOffset now)
    {
        if (Fault.ActsAfterDecision != afterDecision || !IsActive(now)
            || (Fault.Path is { } glob && !PathGlob.Matches(glob, path))
            || (Fault.User is { } login && !string.Equals(login, user, StringComparison.Ordinal))
            || (Fault.Rule is { } scope && !RuleScope.Matches(scope, rule)))
        {
            return null;
        }

        if (Fault.Probability < 1 && random.NextDouble() >= Fault.Probability)
        {
            return null;
        }

        var delay = Fault.Kind == FaultKind.Latency ? Fault.Latency + (Fault.Jitter * random.NextDouble()) : TimeSpan.Zero;
        Injected++;
        return new FiredFault(Fault, delay, Until, off.Token);
    }

    public FaultState State(DateTimeOffset now) => new(Fault, Injected, IsActive(now), Until);
}
