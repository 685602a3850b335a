namespace PauseResume.Simulator.Domain;

/// <summary>A snapshot of a couple with its recording state and pause history.</summary>
public sealed record CoupleState(Couple Couple, IReadOnlyList<PauseInterval> History, DateTimeOffset? EndedAt)
{
    /// <summary>Call recording and screen recording pause and resume together (PSE-1), so one flag serves both.</summary>
    public bool Paused => History.Count > 0 && History[^1].IsOpen;

    public bool InProgress => EndedAt is null;

    /// <summary>How many earlier intervals are no longer in <see cref="History"/>, which keeps the latest <see cref="Recorder.MaxPauseIntervals"/>.</summary>
    public long ForgottenIntervals { get; init; }
}
