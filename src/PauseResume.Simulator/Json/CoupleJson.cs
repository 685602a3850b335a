using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Json;

/// <summary>
/// A couple as the control API shows it: the details document's names plus its recording state and pause history (the
/// latest <see cref="Recorder.MaxPauseIntervals"/> intervals; <see cref="PauseHistoryForgotten"/> counts the earlier ones).
/// The sessions that paused and resumed are shown as the dashboard shows them, their first characters: whoever reads the
/// control API could otherwise act as any agent still logged in.
/// </summary>
public sealed record CoupleJson(
    long CoupleId,
    long CallId,
    DateTimeOffset Start,
    string CallingNumber,
    string CalledNumber,
    string? CallingIp,
    string? CalledIp,
    string Direction,
    string CoupleType,
    bool InProgress,
    DateTimeOffset? Ended,
    bool Paused,
    bool CallRecordingPaused,
    bool ScreenRecordingPaused,
    IReadOnlyList<PauseInterval> PauseHistory)
{
    /// <summary>How many earlier intervals <see cref="PauseHistory"/> no longer lists.</summary>
    public long PauseHistoryForgotten { get; init; }

    public static CoupleJson From(CoupleState state)
    {
        var c = state.Couple;

        // PSE-1: call recording and screen recording pause and resume together.
        return new(
            c.Id, c.CallId, c.Start, c.CallingNumber, c.CalledNumber, c.CallingIp, c.CalledIp, WireNames.Of(c.Direction),
            WireNames.Of(c.Type), state.InProgress, state.EndedAt, state.Paused, state.Paused, state.Paused,
            [.. state.History.Select(i => i with { PausedSession = DashboardSessionJson.Shorten(i.PausedSession), ResumedSession = i.ResumedSession is { } resumed ? DashboardSessionJson.Shorten(resumed) : null })])
        {
            PauseHistoryForgotten = state.ForgottenIntervals,
        };
    }
}
