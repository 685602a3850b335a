using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Json;

/// <summary>A couple in progress on the dashboard, with the state of each recording and its pauses.</summary>
internal sealed record DashboardCoupleJson(
    long CoupleId,
    long CallId,
    DateTimeOffset Start,
    string CallingNumber,
    string CalledNumber,
    string? CallingIp,
    string? CalledIp,
    string Direction,
    string CoupleType,
    string CallRecording,
    string ScreenRecording,
    IReadOnlyList<DashboardPauseJson> Pauses)
{
    public static DashboardCoupleJson From(CoupleState state)
    {
        var c = state.Couple;

        // PSE-1: call recording and screen recording pause and resume together; both are shown, as an agent would ask.
        var recording = state.Paused ? "paused" : "recording";
        return new(
            c.Id, c.CallId, c.Start, c.CallingNumber, c.CalledNumber, c.CallingIp, c.CalledIp, WireNames.Of(c.Direction),
            WireNames.Of(c.Type), recording, recording, Latest(state.History, DashboardStateJson.MaxPausesShown));
    }

    // By index from the end: a history is an immutable list, whose walk from its start would pass over the pauses not shown.
    private static List<DashboardPauseJson> Latest(IReadOnlyList<PauseInterval> history, int count)
    {
        var shown = new List<DashboardPauseJson>(Math.Min(count, history.Count));
        for (var i = Math.Max(0, history.Count - count); i < history.Count; i++)
        {
            shown.Add(DashboardPauseJson.From(history[i]));
        }

        return shown;
    }
}
