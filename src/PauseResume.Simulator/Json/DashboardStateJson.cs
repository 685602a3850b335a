using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Json;

/// <summary>
/// What the dashboard shows of the recorder at one version: the couples in progress (at most <see cref="MaxCouplesShown"/>,
/// with how many there are in all) and the logged-in sessions (at most <see cref="MaxSessionsShown"/>, the latest used, with
/// how many are logged in).
/// </summary>
internal sealed record DashboardStateJson(
    long Version, DateTimeOffset Now, IReadOnlyList<DashboardCoupleJson> Couples, int CouplesInProgress, IReadOnlyList<DashboardSessionJson> Sessions, int SessionsLoggedIn)
{
    /// <summary>As the couples: a busy run keeps thousands of sessions logged in (up to maxActiveSessions).</summary>
    public const int MaxSessionsShown = 100;

    /// <summary>
    /// Every event carries the state whole, to every browser, every few tens of milliseconds: busy traffic keeps thousands
    /// of couples in progress, more than a page can show and far more than it is worth sending so often.
    /// </summary>
    public const int MaxCouplesShown = 500;

    /// <summary>
    /// The latest pauses of each couple shown, its open one included: a couple keeps up to 1,000, and 500 couples with
    /// theirs were a state of 70 MB on every event (GEN-3); the page's track shows the last minutes, which these cover.
    /// </summary>
    public const int MaxPausesShown = 50;

    /// <param name="version">Read before the state, so a change made meanwhile shows again at the next version.</param>
    public static DashboardStateJson Read(Recorder recorder, long version, DateTimeOffset now)
    {
        // The paused couples first (what the dashboard is watched for), then the latest; shown in id order.
        var couples = recorder.CouplesShown(MaxCouplesShown);
        var loggedIn = recorder.LoggedInSessions(MaxSessionsShown); // the latest used first
        return new(
            version,
            now,
            couples.Shown.Select(DashboardCoupleJson.From).ToList(),
            couples.InProgress,
            loggedIn.Latest.Select(DashboardSessionJson.From).ToList(),
            loggedIn.Count);
    }
}
