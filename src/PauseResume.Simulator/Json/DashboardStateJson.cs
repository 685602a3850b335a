using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Json;

/// <summary>What the dashboard shows of the recorder at one version: the couples in progress and the logged-in sessions.</summary>
internal sealed record DashboardStateJson(
    long Version, DateTimeOffset Now, IReadOnlyList<DashboardCoupleJson> Couples, IReadOnlyList<DashboardSessionJson> Sessions)
{
    /// <param name="version">Read before the state, so a change made meanwhile shows again at the next version.</param>
    public static DashboardStateJson Read(Recorder recorder, long version, DateTimeOffset now) =>
        new(
            version,
            now,
            recorder.Couples().Select(DashboardCoupleJson.From).ToList(),
            recorder.Sessions().Where(s => s.Login is not null).Select(DashboardSessionJson.From).ToList());
}
