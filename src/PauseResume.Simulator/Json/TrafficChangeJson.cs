using PauseResume.Simulator.Traffic;

namespace PauseResume.Simulator.Json;

/// <summary>
/// Traffic settings to change, in a <c>PUT /simulator/traffic</c> body or a world file's <c>traffic</c>: any of them,
/// the rest kept. A <c>mix</c> given is the whole mix (a share left out is 0); an empty <c>dailyCurve</c> removes the curve.
/// </summary>
public sealed record TrafficChangeJson(
    bool? Running = null,
    int? Seed = null,
    double? RatePerHour = null,
    double? MeanDurationSeconds = null,
    double? DurationSpread = null,
    int? Agents = null,
    CallMixJson? Mix = null,
    double? TransferShare = null,
    double? ConferenceShare = null,
    IReadOnlyList<double>? DailyCurve = null)
{
    public Checked<TrafficSettings> ApplyTo(TrafficSettings current, string at)
    {
        ArgumentNullException.ThrowIfNull(current);
        var next = current with
        {
            Running = Running ?? current.Running,
            Seed = Seed ?? current.Seed,
            RatePerHour = RatePerHour ?? current.RatePerHour,
            MeanDurationSeconds = MeanDurationSeconds ?? current.MeanDurationSeconds,
            DurationSpread = DurationSpread ?? current.DurationSpread,
            Agents = Agents ?? current.Agents,
            Mix = Mix is null ? current.Mix : new CallMix(Mix.Incoming ?? 0, Mix.Outgoing ?? 0, Mix.Internal ?? 0),
            TransferShare = TransferShare ?? current.TransferShare,
            ConferenceShare = ConferenceShare ?? current.ConferenceShare,
            DailyCurve = DailyCurve is null ? current.DailyCurve : DailyCurve.Count == 0 ? null : DailyCurve,
        };
        return next.Problem() is { } problem
            ? Checked<TrafficSettings>.Fail($"{at}: {problem}")
            : Checked<TrafficSettings>.Ok(next with { Mix = next.Mix.Normalized() });
    }
}
