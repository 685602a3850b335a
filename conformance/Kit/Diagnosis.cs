using System.Text.RegularExpressions;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Kit;

/// <summary>
/// Tells "this server breaks a rule" from "this server differs from the profile": replays a failed minimal scenario
/// under profiles that differ in one setting (then, greedily, in up to three), and returns the first profile under
/// which every check of the scenario passes. A faithful server with that profile would have answered exactly so,
/// so no documented rule is broken. One small scenario often fits several values (a PUT's body refused fits both "reads
/// only the query" and "parses no PUT body"): a value must also fit every scenario explained before in the run, and
/// only when none does is the first that fits this one taken (the server answers as one value here and another there).
/// Where several values fit everything, each is named (<see cref="Explanation.Alternatives"/>): the kit does not pick
/// one for the server.
/// </summary>
internal sealed partial class Diagnosis(ScenarioRunner runner, IReadOnlySet<string> reported)
{
    private const int MaxChanges = 3;

    /// <summary>Pairs of values tried when each single value contradicts an earlier explanation: each costs several replays.</summary>
    private const int MaxPairs = 60;

    /// <summary>
    /// Of those, the pairs tried for values another form of the step refutes: few, since on a recorder that breaks PSE-1
    /// each replay pauses and resumes a live call, and the value that accounts for the other form is near in the list.
    /// </summary>
    private const int MaxRefutedPairs = 10;

    /// <summary>How many last-resort values the search past a furthest value adds at most (<see cref="LastResortBeyondAsync"/>).</summary>
    private const int MaxLastResorts = 2;

    /// <summary>
    /// The differences a replay lets pass: those the run reported already, and while one candidate is tried, one more it
    /// set aside (<see cref="Aside"/>).
    /// </summary>
    private IReadOnlySet<string> known = reported;

    /// <summary>The neutral differences the run reported already: a replay lets them pass.</summary>
    private readonly IReadOnlySet<string> tolerated = reported;

    /// <summary>
    /// Values that fitted an earlier failure as well as the value taken for it (<see cref="Explanation.Alternatives"/>):
    /// tried too where the failure's own answer would not suggest them (a status setting is tried with the status the check
    /// got), first when a second value is sought, since the guess the run took there may be what fails here.
    /// </summary>
    public IReadOnlyList<SettingChange> EarlierAlternatives { get; init; } = [];

    /// <summary>
    /// The documented breaks the run reported already (<see cref="RuleLedger.Signature"/>): a replay that gets past the
    /// failed check and then meets one of them has shown what the value explains; the break is the server's, reported once.
    /// Left out, a recorder that broke LST-5 and read logins from the query string too was also said to break SES-1: under
    /// loginParameters=form-and-query the list after such a login met the LST-5 break.
    /// </summary>
    public IReadOnlySet<string> KnownBreaks { get; init; } = new HashSet<string>();

    public async Task<Explanation> ExplainAsync(
        Scenario scenario, RunOutcome outcome, KitProfile profile, (Scenario Scenario, RunOutcome Outcome) original, IReadOnlyList<Scenario> explainedBefore, CancellationToken cancellationToken)
    {
        if (outcome.Broken!.Timing)
        {
            return Explanation.None; // a replay passes or fails with the server's timing, not with a setting
        }

        var found = await SearchAsync(scenario, outcome, profile, original, explainedBefore, cancellationToken);

        // The search takes many replays, and a recorder in use changes meanwhile (a call ends, and every replay then stops
        // before the check, as if the value tried explained it): a value found is only an explanation while the profile the
        // failure was judged against still fails the same way; otherwise nothing was explained, and no verdict either.
        // Where nothing was found, the failure stands as the replay before the search confirmed it; but where the search
        // took its failures from the answers that replay got (ScenarioRunner.PredictAsync), only once the recorder answers
        // so again: each value's own replay would have asked it, and one that met a moment now gone (a call that ended, a
        // hold, someone logged in as an account) would have passed, and the failure would not have been counted.
        var confirm = found.Profile is not null || runner.Records;
        return !confirm || await StillFailsAsync(scenario, profile, outcome, cancellationToken) ? found : Explanation.None with { Vanished = true };
    }

    private async Task<Explanation> SearchAsync(
        Scenario scenario, RunOutcome outcome, KitProfile profile, (Scenario Scenario, RunOutcome Outcome) original, IReadOnlyList<Scenario> explainedBefore, CancellationToken cancellationToken)
    {
        var current = profile;
        var failed = outcome;
        var failingStep = outcome.FailingStep;
        var changes = new List<SettingChange>();
        var tiePairs = 0;
        List<(KitProfile Profile, List<SettingChange> Changes, RunOutcome Outcome)> firstFurthest = [];
        List<(KitProfile Profile, List<SettingChange> Changes, RunOutcome Outcome)> chain = []; // each value the search followed past the first
        for (var depth = 0; depth < MaxChanges; depth++)
        {
            (KitProfile Profile, SettingChange Change, RunOutcome Outcome)? furthest = null;
            var ties = new List<(KitProfile Profile, SettingChange Change, RunOutcome Outcome)>();
            var fitAll = new List<(KitProfile Profile, SettingChange Change, RunOutcome? Aside)>();
            var fitThisOne = new List<(KitProfile Profile, SettingChange Change)>();
            var fitShrunkOnly = new List<(KitProfile Profile, SettingChange Change)>();
            var fitButRefuted = new List<(KitProfile Profile, SettingChange Change)>();
            foreach (var (setting, value) in Candidates(current, outcome.Broken!, changes).Concat(Earlier(current, changes)).Distinct().Where(c => !Unread(outcome, c.Setting)))
            {
                var candidate = current.With(setting, value).Profile!;
                known = tolerated;
                var tried = await ReplayAsync(scenario, candidate, cancellationToken);
                RunOutcome? asideMet = null;
                if (Aside(tried, failed) is { } aside)
                {
                    // Past the check that failed, the answer differs where no setting could say otherwise (a list the value
                    // lets through, served as text/xml): a difference of its own, reported beside the value, which does not
                    // make the value wrong for the check this failure is about.
                    (known, asideMet) = (new HashSet<string>(tolerated, StringComparer.Ordinal) { aside }, tried);
                    tried = await ReplayAsync(scenario, candidate, cancellationToken);
                }

                var change = new SettingChange(setting, profile[setting], value);
                // A replay cut short by a fault proves nothing about the setting; nor does one pass, on a server whose
                // answers vary (a details lag): the explanation must hold on a second replay, or it flip-flops.
                if (Passes(tried, outcome) && Passes(await runner.RunAsync(scenario, candidate, null, known, cancellationToken), outcome))
                {
                    if (await RefutedAsync(scenario, failingStep, candidate, cancellationToken))
                    {
                        // Another form of the step breaks a documented rule under this value alone: a second value may
                        // account for that form (a value read where the server joins repeated ones): tried in pairs below.
                        fitButRefuted.Add((candidate, change));
                    }
                    else if (!await GetsPastAsync(original, candidate, cancellationToken))
                    {
                        fitShrunkOnly.Add((candidate, change));
                    }
                    else if (await FitsAsync(explainedBefore, candidate, cancellationToken))
                    {
                        fitAll.Add((candidate, change, asideMet)); // the others are tried too: a value that fits as well is reported beside it
                    }
                    else
                    {
                        fitThisOne.Add((candidate, change));
                    }
                }
                else if (Progress(tried, outcome) is var progressed && progressed > (furthest is { } best ? Progress(best.Outcome, outcome) : 0))
                {
                    furthest = (candidate, change, tried);
                    ties = [(candidate, change, tried)];
                }
                else if (progressed > 0 && progressed == Progress(furthest!.Value.Outcome, outcome))
                {
                    ties.Add((candidate, change, tried));
                }
            }

            known = tolerated;
            if (fitAll.Count > 0)
            {
                return new Explanation(fitAll[0].Profile, [.. changes, fitAll[0].Change], true)
                {
                    Alternatives = [.. fitAll.Skip(1).Select(f => f.Change), .. await ProbedAlikeAsync(scenario, current, outcome, profile, cancellationToken)],
                    Aside = fitAll[0].Aside,
                };
            }

            if (fitThisOne.Count > 0 || fitShrunkOnly.Count > 0 || fitButRefuted.Count > 0)
            {
                // Each value that fits this scenario contradicts an earlier one, fails the scenario it was shrunk from
                // earlier on, or lets another form of the step break a documented rule: an earlier guess may have been
                // wrong (of two settings that fit it, the other was right), or the server differs in two settings at
                // once, so try each with one more change before giving up.
                var pairs = 0;
                var refutedPairs = 0;
                foreach (var (fits, change, refuted) in fitThisOne.Concat(fitShrunkOnly).Select(f => (f.Profile, f.Change, false)).Concat(fitButRefuted.Select(f => (f.Profile, f.Change, true))))
                {
                    // The values the scenario the failure was shrunk from suggests too: shrinking may have ended on another
                    // check (a logout without a cookie, where the login's cookie had a route the profile did not name).
                    Explanation? paired = null;
                    foreach (var (setting, value) in Earlier(fits, [.. changes, change]).Concat(Candidates(fits, outcome.Broken!, [.. changes, change]))
                        .Concat(original.Outcome.Broken is { } first ? Candidates(fits, first, [.. changes, change]) : []).Distinct()
                        .Where(c => paired is null || SharesRule(c.Setting, paired.Changes[^1].Setting))
                        .TakeWhile(_ => pairs++ < MaxPairs && (!refuted || refutedPairs++ < MaxRefutedPairs)))
                    {
                        var both = fits.With(setting, value).Profile!;
                        if (await FitsEverywhereAsync(scenario, outcome, failingStep, original, explainedBefore, both, cancellationToken))
                        {
                            // A second value of a setting of the same rule that fits as well is named beside it: a server
                            // that joins two filters by "and" and lists whole calls fits filterJoin=or where no list told
                            // the two apart, and was said to join by "or" alone.
                            var second = new SettingChange(setting, profile[setting], value);
                            paired = paired is null ? new Explanation(both, [.. changes, change, second], true) : paired with { Alternatives = [.. paired.Alternatives, second] };
                        }
                    }

                    if (paired is not null)
                    {
                        return paired;
                    }
                }

                if (fitThisOne.Count > 0)
                {
                    return new Explanation(fitThisOne[0].Profile, [.. changes, fitThisOne[0].Change], false) { Alternatives = await ProbedAlikeAsync(scenario, current, outcome, profile, cancellationToken) };
                }
            }

            // Several values got as far as the first below, which the search follows: a second value may complete
            // another of them where none completes the first (a repeated paused read as its first value, whose pause
            // is then answered 200: repeatedPaused=first with pauseStatus=200, where pausedLocation=query got as far).
            foreach (var (tie, tieChange, tieOutcome) in ties.Skip(1))
            {
                foreach (var (setting, value) in Candidates(tie, tieOutcome.Broken!, [.. changes, tieChange]).Where(c => !Unread(tieOutcome, c.Setting)).TakeWhile(_ => tiePairs++ < MaxPairs))
                {
                    var both = tie.With(setting, value).Profile!;
                    if (await FitsEverywhereAsync(scenario, outcome, failingStep, original, explainedBefore, both, cancellationToken))
                    {
                        return new Explanation(both, [.. changes, tieChange, new SettingChange(setting, profile[setting], value)], true);
                    }
                }
            }

            firstFurthest = depth == 0 ? [.. ties.Select(t => (t.Profile, new List<SettingChange> { t.Change }, t.Outcome))] : firstFurthest;
            if (furthest is not { } next)
            {
                break;
            }

            (current, outcome) = (next.Profile, next.Outcome);
            changes.Add(next.Change);
            if (changes.Count > 1)
            {
                chain.Add((current, [.. changes], outcome));
            }
        }

        return await LastResortAsync(scenario, failed, profile, original, explainedBefore, cancellationToken) is { Profile: not null } found ? found
            : await LastResortBeyondAsync(scenario, failed, profile, [.. firstFurthest, .. chain], original, explainedBefore, cancellationToken);
    }

    /// <summary>
    /// Where nothing explains the failure whole: a single value that got past the failed check, and furthest, to a failure
    /// of an inferred check, with a value of a setting tried only as a last resort that decides that check (masks matched
    /// against one side of a couple, say). Such a setting is not tried for a documented failure on its own, since it only
    /// makes the model expect less there; here the pair must take the whole scenario to its end, as any explanation must.
    /// Left out, a recorder that read a login's fields from the query string and matched masks against the calling number
    /// alone was said to break SES-1: the list after that login showed links no single value explained. A last-resort value
    /// whose replay gets further still, to an inferred check another last-resort setting decides, is tried with a value of
    /// that one too (masks matched against the calling number, and against every leg of a call). The same from each
    /// further value of the chain the search followed (the last one may have followed a difference of another rule): a
    /// recorder that took a login's fields from the query string, left out of a list what the masks do not match and
    /// matched them against the called number alone was said to break SES-1, as the last resort was tried only beside the
    /// login's value.
    /// </summary>
    private async Task<Explanation> LastResortBeyondAsync(
        Scenario scenario, RunOutcome failed, KitProfile profile, List<(KitProfile Profile, List<SettingChange> Changes, RunOutcome Outcome)> furthest, (Scenario Scenario, RunOutcome Outcome) original, IReadOnlyList<Scenario> explainedBefore, CancellationToken cancellationToken)
    {
        known = tolerated;
        foreach (var (candidate, changes, tried) in furthest)
        {
            if (await WithLastResortsAsync(candidate, tried, changes, MaxLastResorts) is { } found)
            {
                return found;
            }
        }

        return Explanation.None;

        async Task<Explanation?> WithLastResortsAsync(KitProfile candidate, RunOutcome tried, List<SettingChange> changes, int more)
        {
            if (tried is not { Fault: null, Broken: { Documented: false, Timing: false } check })
            {
                return null;
            }

            foreach (var setting in ProfileSettings.All.Where(s => s is { Modelled: true, LastResort: true } && !candidate.Measured.Contains(s.Name) && changes.All(c => c.Setting != s.Name) && Decides(s, check)))
            {
                foreach (var value in setting.Candidates.Where(v => Fresh(setting, v, candidate)))
                {
                    var next = candidate.With(setting.Name, value).Profile!;
                    List<SettingChange> nextChanges = [.. changes, new SettingChange(setting.Name, profile[setting.Name], value)];
                    if (await FitsEverywhereAsync(scenario, failed, failed.FailingStep, original, explainedBefore, next, cancellationToken))
                    {
                        return new Explanation(next, nextChanges, true);
                    }

                    if (more > 1 && await ReplayAsync(scenario, next, cancellationToken) is var further && Progress(further, tried) > 0
                        && await WithLastResortsAsync(next, further, nextChanges, more - 1) is { } found)
                    {
                        return found;
                    }
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Where no guessed value explains the failure of an inferred check, the values of the settings tried only as a last
    /// resort (<see cref="ProfileSetting.LastResort"/>) that decide it, one at a time from the profile it failed against. Never
    /// for a documented check: such a value may only make the model expect less (under maskScope=call a self link no longer
    /// says what the details answer, as another leg may grant it), which would hide a break, not explain it.
    /// Left out, a server whose masks reach every leg of a call had its pause's grant reported with no setting, and a later
    /// failure of that grant (a bad paused value answered 400 where the masks were expected to refuse) was blamed on where
    /// the value is checked.
    /// </summary>
    private async Task<Explanation> LastResortAsync(
        Scenario scenario, RunOutcome outcome, KitProfile profile, (Scenario Scenario, RunOutcome Outcome) original, IReadOnlyList<Scenario> explainedBefore, CancellationToken cancellationToken)
    {
        known = tolerated;
        if (outcome.Broken!.Documented)
        {
            return Explanation.None;
        }

        foreach (var setting in ProfileSettings.All.Where(s => s is { Modelled: true, LastResort: true } && !profile.Measured.Contains(s.Name) && Decides(s, outcome.Broken!)))
        {
            foreach (var value in setting.Candidates.Where(v => Fresh(setting, v, profile)))
            {
                var candidate = profile.With(setting.Name, value).Profile!;
                if (await FitsEverywhereAsync(scenario, outcome, outcome.FailingStep, original, explainedBefore, candidate, cancellationToken))
                {
                    return new Explanation(candidate, [new SettingChange(setting.Name, profile[setting.Name], value)], true);
                }
            }
        }

        return Explanation.None;
    }

    /// <summary>
    /// The signature of an inferred check the model does not hang on, of a rule no modelled setting names (how a document
    /// is served: its media type, a byte-order mark), that a replay failed past the check <paramref name="failed"/> failed
    /// (same step, or later): a difference no value tried could explain or cause. A check of a rule a setting names is no
    /// such difference: a value tried may be what makes it fail (where access is checked, how a paused value is read).
    /// </summary>
    private static string? Aside(RunOutcome replay, RunOutcome failed) =>
        replay is { Fault: null, Broken: { Documented: false, Neutral: true, Timing: false } check } && Progress(replay, failed) > 0
        && check.Rule != failed.Broken!.Rule && !ProfileSettings.All.Any(s => s.Modelled && Decides(s, check))
            ? RuleLedger.Signature(check)
            : null;

    /// <summary>
    /// Whether a value of <paramref name="setting"/> may be what makes <paramref name="check"/> fail: any check of a rule
    /// it names, but for documentMediaType, which decides only the media-type check of the documents (it names itself),
    /// and only where the server's media type is one of its values: how else a document is written (a byte-order mark,
    /// its declaration, a media type no value names) stays a difference of its own.
    /// </summary>
    private static bool Decides(ProfileSetting setting, Check check) => setting.Name == ProfileSettings.DocumentMediaType
        ? check.What.Contains(setting.Name + "=", StringComparison.Ordinal) && setting.Normalize(check.Actual) is not null
        : setting.Rules.Split(", ").Intersect(check.RulesAtStake).Any();

    /// <summary>Whether the two settings decide a rule in common (filterJoin and filterScope both LST-4, say).</summary>
    private static bool SharesRule(string one, string other) =>
        ProfileSettings.Find(one)?.Rules.Split(", ").Intersect(ProfileSettings.Find(other)?.Rules.Split(", ") ?? []).Any() == true;

    /// <summary>
    /// Whether the run that ended in <paramref name="failed"/> never read <paramref name="setting"/> from its profile
    /// (<see cref="ProfileReads"/>): under another value of it the model expects the same up to the check that failed,
    /// so a replay would fail alike, and is not sent.
    /// </summary>
    private static bool Unread(RunOutcome failed, string setting) => failed.SettingsRead is { } read && !read.Contains(setting);

    /// <summary>The <see cref="EarlierAlternatives"/> that <see cref="Candidates"/> would try with their setting, but for their value.</summary>
    private IEnumerable<(string Setting, string Value)> Earlier(KitProfile profile, List<SettingChange> changed) =>
        EarlierAlternatives.Where(a => ProfileSettings.Find(a.Setting) is { } s && Tried(s, profile, changed) && Fresh(s, a.ServerValue, profile))
            .Select(a => (a.Setting, a.ServerValue));

    /// <summary>
    /// A setting a diagnosis may change: modelled, guessed, not changed already, and not measured, since a measured setting
    /// is a fact, never traded for a guess; but loginPage=token only relaxes a byte-for-byte comparison of pages (a page
    /// that shows the date changed since the probe), so it hides no failure.
    /// </summary>
    private static bool Tried(ProfileSetting setting, KitProfile profile, List<SettingChange> changed) =>
        setting.Modelled && setting.Guessed && (!profile.Measured.Contains(setting.Name) || setting.Name == ProfileSettings.LoginPage) && changed.All(c => c.Setting != setting.Name);

    /// <summary>
    /// The values of settings a run never guesses (only --probe measures them: <see cref="ProfileSetting.Guessed"/>) that
    /// decide the failed check and make the scenario pass as well, twice, in place of the value found: named beside it, so
    /// the report does not give one of two readings the scenario cannot tell apart as what the server does (a server that
    /// reads directions in any case was said to match directionWithoutValue=ignored, and nothing else).
    /// </summary>
    private async Task<List<SettingChange>> ProbedAlikeAsync(Scenario scenario, KitProfile current, RunOutcome failed, KitProfile profile, CancellationToken cancellationToken)
    {
        var alike = new List<SettingChange>();
        foreach (var setting in ProfileSettings.All.Where(s => s is { Modelled: true, Guessed: false, LastResort: false } && !current.Measured.Contains(s.Name) && Decides(s, failed.Broken!) && !Unread(failed, s.Name)))
        {
            foreach (var value in setting.Candidates.Select(setting.Normalize).OfType<string>().Where(v => v != current[setting.Name]))
            {
                if (await PassesTwiceAsync(scenario, current.With(setting.Name, value).Profile!, failed, cancellationToken))
                {
                    alike.Add(new SettingChange(setting.Name, profile[setting.Name], value));
                }
            }
        }

        return alike;
    }

    /// <summary>A value (normalised) the profile does not have already, and one a run may guess (not only the probe's).</summary>
    private static bool Fresh(ProfileSetting setting, string value, KitProfile profile) =>
        value.Length > 0 && setting.Normalize(value) is { } n && n != profile[setting.Name] && !setting.MeasuredOnly.Contains(n);

    /// <summary>Every other value of each modelled setting; a status setting tries the status the server gave.</summary>
    private static IEnumerable<(string Setting, string Value)> Candidates(KitProfile profile, Check failed, List<SettingChange> changed)
    {
        foreach (var setting in ProfileSettings.All.Where(s => Tried(s, profile, changed)))
        {
            var values = setting.StatusValued ? [failed.Actual]
                : setting.Name == ProfileSettings.JvmRoute ? [Route().Match(failed.Actual).Groups[1].Value]
                : setting.Name == ProfileSettings.LinkOrigin ? [KitProfile.IsRelative(failed.Actual) ? "relative" : Uri.TryCreate(failed.Actual, UriKind.Absolute, out var link) ? link.GetLeftPart(UriPartial.Authority) : string.Empty, "request"]
                : setting.Candidates;
            foreach (var value in values.Where(v => Fresh(setting, v, profile)))
            {
                yield return (setting.Name, setting.Normalize(value)!);
            }
        }
    }

    [GeneratedRegex("JSESSIONID=[0-9A-Za-z_-]+\\.([A-Za-z0-9_-]{1,32})")]
    private static partial Regex Route();
}
