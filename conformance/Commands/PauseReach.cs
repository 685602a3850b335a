using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;

namespace PauseResume.Conformance.Commands;

/// <summary>
/// PSE-1 documents that a pause reaches "that call"; which of a call's couples it reaches (pauseScope) is inferred. A
/// couple that shows what the other scope predicts differs on that setting: it breaks nothing documented.
/// </summary>
internal static class PauseReach
{
    /// <summary><paramref name="check"/> as a difference on pauseScope where the couple shows what the other scope predicts.</summary>
    public static Check Explained(Check check, ModelCouple couple, bool shown, KitProfile profile)
    {
        if (check.Passed || check.InferredPart || couple.OtherScopePaused != shown)
        {
            return check;
        }

        var other = profile.PausesWholeCall ? "couple" : "call";
        return check.Inferred() with
        {
            What = $"{check.What} (as under {ProfileSettings.PauseScope}={other}: a pause of another couple of call {couple.CallId} {(profile.PausesWholeCall ? "did not reach" : "reached")} it; which couples of a call a pause reaches is inferred, {ProfileSettings.PauseScope}={profile[ProfileSettings.PauseScope]})",
        };
    }
}
