namespace PauseResume.Conformance.Targets;

/// <summary>A server that claims to speak the recorder's API, and what the kit may do to it besides the API.</summary>
internal interface ITarget : IAsyncDisposable
{
    string Description { get; }

    /// <summary>The simulator's control API is there: worlds can be set, calls started and ended.</summary>
    SimulatorControl? Control { get; }

    /// <summary>
    /// Couples the kit did not start may begin and end on their own: on a real recorder, and on a simulator with traffic
    /// running. The kit then predicts nothing of those couples but what the answers show, and an ended one is a legal event.
    /// </summary>
    bool CallsComeAndGo { get; }

    /// <summary>How sessions can be made to expire (SES-6).</summary>
    ClockKind Clock { get; }

    /// <summary>A client for the API, with the target's root as base address and no cookie handling.</summary>
    HttpClient CreateClient();

    /// <summary>Lets <paramref name="by"/> pass on the target's clock: moved in-process, waited out on a standalone simulator.</summary>
    Task AdvanceTimeAsync(TimeSpan by, CancellationToken cancellationToken);
}
