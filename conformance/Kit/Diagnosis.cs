using System.Text.RegularExpressions;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Kit;

/// <summary>
/// Tells "this server breaks a rule" from "this server differs from the profile": replays a failed minimal scenario
/// under profiles that differ in one setting (then, greedily, in up to three), and returns the first profile under
/// which every check of the scenario passes. A faithful server with that profile would have answered exactly so,
/// so no documented rule is broken.
/// </summary>
internal sealed partial class Diagnosis(ScenarioRunner runner, IReadOnlySet<string> tolerated)
{
    private const int MaxChanges = 3;

    public async Task<(KitProfile? Profile, IReadOnlyList<SettingChange> Changes)> ExplainAsync(Scenario scenario, RunOutcome outcome, KitProfile profile, CancellationToken cancellationToken)
    {
        if (outcome.Broken!.Timing)
        {
            return (null, []); // a replay passes or fails with the server's timing, not with a setting
        }

        var current = profile;
        var changes = new List<SettingChange>();
        for (var depth = 0; depth < MaxChanges; depth++)
        {
            (KitProfile Profile, SettingChange Change, RunOutcome Outcome)? furthest = null;
            foreach (var (setting, value) in Candidates(current, outcome.Broken!, changes))
            {
                var candidate = current.With(setting, value).Profile!;
                var tried = await runner.RunAsync(scenario, candidate, null, tolerated, cancellationToken);
                var change = new SettingChange(setting, profile[setting], value);
                // A replay cut short by a fault proves nothing about the setting; nor does one pass, on a server whose
                // answers vary (a details lag): the explanation must hold on a second replay, or it flip-flops.
                if (!tried.Failed && tried.Fault is null && await runner.RunAsync(scenario, candidate, null, tolerated, cancellationToken) is { Failed: false, Fault: null })
                {
                    return (candidate, [.. changes, change]);
                }

                if (Progress(tried, outcome) > (furthest is { } best ? Progress(best.Outcome, outcome) : 0))
                {
                    furthest = (candidate, change, tried);
                }
            }

            if (furthest is not { } next)
            {
                break;
            }

            (current, outcome) = (next.Profile, next.Outcome);
            changes.Add(next.Change);
        }

        return (null, []);
    }

    /// <summary>
    /// How much further a change got: to a later step, or at the same step past the check that failed (two settings
    /// may decide one answer, as a bad direction's status and where it is checked do). Zero: no further.
    /// </summary>
    private static int Progress(RunOutcome tried, RunOutcome baseline) =>
        tried.FailingStep > baseline.FailingStep ? 2 * (tried.FailingStep - baseline.FailingStep)
        : tried.FailingStep == baseline.FailingStep && RuleLedger.Signature(tried.Broken!) + tried.Broken!.Expected != RuleLedger.Signature(baseline.Broken!) + baseline.Broken!.Expected ? 1
        : 0;

    /// <summary>Every other value of each modelled setting; a status setting tries the status the server gave.</summary>
    private static IEnumerable<(string Setting, string Value)> Candidates(KitProfile profile, Check failed, List<SettingChange> changed)
    {
        foreach (var setting in ProfileSettings.All.Where(s => s.Modelled && changed.All(c => c.Setting != s.Name)))
        {
            var values = setting.StatusValued ? [failed.Actual]
                : setting.Name == ProfileSettings.JvmRoute ? [Route().Match(failed.Actual).Groups[1].Value]
                : setting.Candidates;
            foreach (var value in values.Where(v => v.Length > 0 && setting.Normalize(v) is { } n && n != profile[setting.Name]))
            {
                yield return (setting.Name, setting.Normalize(value)!);
            }
        }
    }

    [GeneratedRegex("JSESSIONID=[0-9A-Fa-f]+\\.([A-Za-z0-9_-]{1,32})")]
    private static partial Regex Route();
}
