using PauseResume.Simulator.Traffic;

namespace PauseResume.Simulator.Json;

/// <summary>The traffic as the control API shows it: its settings, whether it runs, and the couples it started and ended.</summary>
public sealed record TrafficJson(
    bool Running,
    int Seed,
    double RatePerHour,
    double MeanDurationSeconds,
    double DurationSpread,
    int Agents,
    CallMixJson Mix,
    double TransferShare,
    double ConferenceShare,
    IReadOnlyList<double>? DailyCurve,
    long Started,
    long Ended)
{
    public static TrafficJson From(TrafficStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var s = status.Settings;
        return new TrafficJson(
            s.Running, s.Seed, s.RatePerHour, s.MeanDurationSeconds, s.DurationSpread, s.Agents,
            new CallMixJson(s.Mix.Incoming, s.Mix.Outgoing, s.Mix.Internal), s.TransferShare, s.ConferenceShare, s.DailyCurve,
            status.Started, status.Ended);
    }
}
