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
            WireNames.Of(c.Type), recording, recording, state.History.Select(DashboardPauseJson.From).ToList());
    }
}
