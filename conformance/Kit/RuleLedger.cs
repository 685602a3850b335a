using System.Text.RegularExpressions;
using PauseResume.Conformance.Rules;

namespace PauseResume.Conformance.Kit;

/// <summary>For every rule: how often it was checked and passed, its failures, or why it could not be checked.</summary>
internal sealed partial class RuleLedger
{
    private readonly Dictionary<string, int> passed = [];
    private readonly Dictionary<string, int> passedTellingPart = [];
    private readonly Dictionary<string, Failure> broken = [];
    private readonly List<(string Rule, Failure Failure)> differing = [];
    private readonly Dictionary<string, string> skipped = [];
    private readonly HashSet<int> consistent = [];

    /// <summary>Differences withdrawn (<see cref="Withdraw"/>), by their place in <see cref="differing"/>.</summary>
    private readonly HashSet<int> withdrawn = [];

    /// <summary>
    /// Inferred checks that failed and then not when their scenario was run again, by signature: how often, and what the
    /// rule's verdict says of them (<see cref="Flaked"/>).
    /// </summary>
    private readonly Dictionary<string, int> flaky = new(StringComparer.Ordinal);

    /// <summary>Words on a rule's verdict, by what they are about (a flaky check's signature, a lag): rule → key → note.</summary>
    private readonly Dictionary<string, Dictionary<string, string>> notes = new(StringComparer.Ordinal);

    /// <summary>
    /// Differences the run measured outside its scenarios (a lag measured before them under --settle 0): rule → what was
    /// measured. A rule none of whose scenarios failed differs with these words, and no failure to replay.
    /// </summary>
    private readonly Dictionary<string, string> measuredDifferences = new(StringComparer.Ordinal);

    /// <summary>After this many such failures of one inferred check, the run judges it no more (each costs a shrink).</summary>
    public const int FlakyLimit = 2;

    /// <summary>Inferred checks whose failures shrank to a difference no setting describes, reported under the shrunk check.</summary>
    private readonly HashSet<string> shrunkToUnexplained = new(StringComparer.Ordinal);

    public void Record(Check check)
    {
        if (check.Passed)
        {
            passed[check.Rule] = passed.GetValueOrDefault(check.Rule) + 1;
            if (check.TellsPart)
            {
                passedTellingPart[check.Rule] = passedTellingPart.GetValueOrDefault(check.Rule) + 1;
            }
        }
    }

    public int Checks(string rule) => passed.GetValueOrDefault(rule);

    /// <summary>The checks of the rule, or of its distinctive part where it names one and they are fewer.</summary>
    public int LeastChecks(KitRule rule) => rule.Part is null ? Checks(rule.Id) : Math.Min(Checks(rule.Id), passedTellingPart.GetValueOrDefault(rule.Id));

    /// <summary>
    /// A documented rule that no setting explains is broken; anything else differs from the profile. A difference whose
    /// explanation fits every failure explained before it is <paramref name="fitsAll"/>: a later, better-informed value
    /// may replace its guess (<see cref="Supersede"/>); one that contradicts an earlier one keeps its value, so the two
    /// show the setting undecided.
    /// </summary>
    public void Fail(Failure failure, bool fitsAll = false, Check? shrunkFrom = null)
    {
        var rule = failure.Check.Rule;
        if (shrunkFrom is { Documented: false } && !failure.Check.Documented && failure.Explained.Count == 0)
        {
            shrunkToUnexplained.Add(Signature(shrunkFrom));
        }

        if (failure.BreaksDocumentedRule)
        {
            broken.TryAdd(rule, failure);
        }
        else
        {
            if (fitsAll)
            {
                consistent.Add(differing.Count);
            }

            differing.Add((RuleOf(failure), failure));
        }
    }

    /// <summary>
    /// The settings of a profile found to fit every failure explained so far: each earlier one whose explanation fitted
    /// those before it was explained by what its own scenario allowed (a guess, when several values fit it), and now
    /// names the settings that fit them all. The values that fitted an earlier failure as well as its explanation still
    /// do, its scenario unchanged: they stay named beside its new explanation (a masked user's 403 for an ended couple fits
    /// refusalOrder=masks-first and endedCoupleDetails=served alike; the first, taken for another failure's sake, was
    /// named alone of a recorder that has the second).
    /// </summary>
    public void Supersede(IReadOnlyList<SettingChange> fitAll, IReadOnlyList<SettingChange>? latest = null)
    {
        for (var i = 0; i < differing.Count && fitAll.Count > 0; i++)
        {
            if (!consistent.Contains(i))
            {
                continue;
            }

            var explained = differing[i].Failure.Explained;
            var kept = explained.Select(c => fitAll.FirstOrDefault(f => f.Setting == c.Setting)).OfType<SettingChange>().ToList();

            // A value that fitted as well as the last of its explanation, which the profile now has for another failure's
            // sake, explains it: one setting for both failures, where the guess explained only this one.
            var alternative = differing[i].Failure.Alternatives.Select(a => fitAll.FirstOrDefault(f => f.Setting == a.Setting && f.ServerValue == a.ServerValue)).FirstOrDefault(f => f is not null);
            List<SettingChange> now;
            if (alternative is not null)
            {
                now = [.. explained.Take(explained.Count - 1).Select(c => fitAll.FirstOrDefault(f => f.Setting == c.Setting)).OfType<SettingChange>().Append(alternative).DistinctBy(c => c.Setting)];
            }
            else if (kept.SequenceEqual(explained))
            {
                continue;
            }
            else
            {
                // A setting of its explanation was a guess the latest explanation replaced: the settings that replaced it explain it.
                now = [.. kept.Concat((latest ?? fitAll).Select(c => fitAll.FirstOrDefault(f => f.Setting == c.Setting)).OfType<SettingChange>()).DistinctBy(c => c.Setting)];
            }

            var still = differing[i].Failure.Alternatives.Where(a => now.All(c => c.Setting != a.Setting || c.ServerValue != a.ServerValue)).ToList();
            differing[i] = (RuleAfter(differing[i], now), differing[i].Failure with { Explained = now, Alternatives = still });
        }
    }

    /// <summary>
    /// The rule a difference belongs to once every failure is explained anew. It stays while one of the settings that now
    /// explain it belongs to that rule; a guess those settings drop no longer names it: a PSE-2 check first put down to
    /// pausedLocation (PSE-3), which repeatedPaused explains in the end, is a difference in PSE-2, not in PSE-3.
    /// </summary>
    private static string RuleAfter((string Rule, Failure Failure) difference, List<SettingChange> fitAll)
    {
        var (rule, failure) = difference;
        bool Explains(string id) => fitAll.Any(c => Profiles.ProfileSettings.Find(c.Setting) is { } setting && setting.Rules.Split(", ").Contains(id));
        return Explains(rule) ? rule
            : Explains(failure.Check.Rule) ? failure.Check.Rule
            : fitAll.Count > 0 ? RuleOf(failure with { Explained = fitAll }) // neither: the rule of the setting that explains it now
            : rule;
    }

    /// <summary>A difference a setting explains belongs to the setting's rules, whichever check first showed it.</summary>
    internal static string RuleOf(Failure failure)
    {
        if (failure.Explained.Count == 0 || Profiles.ProfileSettings.Find(failure.Explained[0].Setting) is not { } setting)
        {
            return failure.Check.Rule;
        }

        var rules = setting.Rules.Split(", ");
        return rules.Contains(failure.Check.Rule) ? failure.Check.Rule : rules[0];
    }

    /// <summary>The values that fitted a difference reported so far as well as the value taken for it.</summary>
    public IReadOnlyList<SettingChange> Alternatives => [.. Standing.SelectMany(d => d.Failure.Alternatives).Distinct()];

    /// <summary>Whether <paramref name="change"/> fitted a difference reported earlier as well as the value taken for it (<see cref="Failure.Alternatives"/>).</summary>
    public bool FittedEarlier(SettingChange change) =>
        Standing.Any(d => d.Failure.Alternatives.Any(a => a.Setting == change.Setting && a.ServerValue == change.ServerValue));

    /// <summary>
    /// A failure like this one was already explained and reported, so another need not be shrunk: the same documented
    /// rule broken, or the same inferred check differing with no setting to describe it, or found before as the check a
    /// scenario first failed whose minimal form was such a difference (each shrink and search costs a real recorder
    /// many requests, and the run's budget of explained failures).
    /// </summary>
    public bool AlreadyReported(Check check) =>
        check.Documented ? broken.ContainsKey(check.Rule)
        : shrunkToUnexplained.Contains(Signature(check)) || Standing.Any(d => d.Failure.Explained.Count == 0 && Signature(d.Failure.Check) == Signature(check));

    /// <summary>
    /// An inferred check failed, and not when its scenario was run again (<paramref name="why"/> says where): it proves
    /// nothing either way, so its rule keeps the verdict of its other checks, with a word on this one. Returns whether
    /// it has now done so <see cref="FlakyLimit"/> times, after which a failure of it is run once more, not shrunk.
    /// </summary>
    public bool Flaked(Check check, string why)
    {
        var signature = Signature(check);
        var times = flaky[signature] = flaky.GetValueOrDefault(signature) + 1;
        Note(check.Rule, signature, $"not judged: \"{check.What}\" failed {times} time(s), each time not when run again ({why})");
        return times == FlakyLimit;
    }

    /// <summary>A difference of an inferred rule the run measured outside its scenarios: no setting describes it (a timing).</summary>
    public void DiffersAsMeasured(string rule, string measured) => measuredDifferences[rule] = measured;

    /// <summary>Adds a word to a rule's verdict, or replaces the one on the same <paramref name="about"/>.</summary>
    public void Note(string rule, string about, string note)
    {
        if (!notes.TryGetValue(rule, out var onRule))
        {
            onRule = notes[rule] = new(StringComparer.Ordinal);
        }

        onRule[about] = note;
    }

    /// <summary>Whether this inferred check has failed and then not <see cref="FlakyLimit"/> times or more.</summary>
    public bool IsFlaky(Check check) => !check.Documented && flaky.GetValueOrDefault(Signature(check)) >= FlakyLimit;

    /// <summary>Says why a rule cannot be checked on this target; a rule that was checked keeps its result.</summary>
    public void NotCheckable(string rule, string why) => skipped.TryAdd(rule, why);

    public bool IsCheckable(string rule) => !skipped.ContainsKey(rule);

    public IEnumerable<Failure> Failures => broken.Values.Concat(Standing.Select(d => d.Failure));

    /// <summary>The documented rules reported broken so far.</summary>
    public IReadOnlyCollection<string> BrokenRules => broken.Keys;

    /// <summary>The signatures of the checks of documented rules reported broken so far (<see cref="Signature"/>).</summary>
    public IReadOnlySet<string> BrokenSignatures => broken.Values.Select(f => Signature(f.Check)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The differences reported, without those withdrawn.</summary>
    private IEnumerable<(string Rule, Failure Failure)> Standing => differing.Where((_, i) => !withdrawn.Contains(i));

    /// <summary>
    /// Withdraws a difference, or a documented rule's break, whose scenario passes under the profile the run holds now:
    /// it was the doing of a value the run guessed for a while, or followed from another break, not of the server (whose
    /// differences the other failures report). From here on a failure of its check is judged anew.
    /// </summary>
    public void Withdraw(Failure failure)
    {
        var at = differing.FindIndex(d => ReferenceEquals(d.Failure, failure));
        if (at >= 0)
        {
            withdrawn.Add(at);
        }
        else if (broken.TryGetValue(failure.Check.Rule, out var taken) && ReferenceEquals(taken, failure))
        {
            broken.Remove(failure.Check.Rule);
        }
    }

    /// <summary>What a check is about, without the ids and numbers of one scenario.</summary>
    public static string Signature(Check check) => check.Rule + "|" + Digits().Replace(check.What, "#");

    /// <param name="measured">The settings the probe that wrote the profile measured: a difference no value a run tries
    /// describes is theirs only where they were not.</param>
    public IReadOnlyList<RuleResult> Results(IReadOnlySet<string>? measured = null) =>
        RuleCatalogue.All.Select(rule => WithMeasured(
            broken.TryGetValue(rule.Id, out var failure) ? new RuleResult(rule, RuleStatus.Failed, failure.Check.What, Checks(rule.Id), failure)
            : Standing.FirstOrDefault(d => d.Rule == rule.Id).Failure is { } differs ? new RuleResult(rule, RuleStatus.Differs, Differs(Standing.Where(d => d.Rule == rule.Id).Select(d => d.Failure), measured ?? new HashSet<string>()), Checks(rule.Id), differs)
            : measuredDifferences.TryGetValue(rule.Id, out var measuredDifference) ? new RuleResult(rule, RuleStatus.Differs, measuredDifference, Checks(rule.Id), null)
            : passed.TryGetValue(rule.Id, out var n) && !skipped.ContainsKey(rule.Id)
                ? new RuleResult(rule, RuleStatus.Passed, $"{n} check(s) passed" + (rule.Part is { } part ? $", {passedTellingPart.GetValueOrDefault(rule.Id)} of them {part}" : string.Empty)
                    + (NotesOn(rule.Id) is { } note ? $"; {note}" : string.Empty), n, null)
            : new RuleResult(rule, RuleStatus.NotChecked, skipped.GetValueOrDefault(rule.Id) ?? NotesOn(rule.Id) ?? "no scenario of this run reached it; try more --runs (or a higher --max-runs or --budget where one ended the run)", 0, null)))
        .ToList();

    /// <summary>A rule's verdict with the difference the run measured outside its scenarios, said beside any the scenarios met.</summary>
    private RuleResult WithMeasured(RuleResult result) =>
        !measuredDifferences.TryGetValue(result.Rule.Id, out var measured) ? result
        : result.Failure is null ? result with { Measured = measured }
        : result with { Detail = $"{result.Detail}; and {measured}", Measured = measured };

    private string? NotesOn(string rule) => notes.TryGetValue(rule, out var onRule) ? string.Join("; ", onRule.Values) : null;

    private static string Differs(IEnumerable<Failure> failures, IReadOnlySet<string> measured) => string.Join("; ", failures.Select(failure => failure.Explained.Count > 0
        ? $"differs from the profile: {failure.Matching} matches ({failure.Check.What})"
        : failure.Check.Timing ? $"differs on its timing: {failure.Check.What}: {failure.Check.Actual}"
        : failure.Check.ProbedOnlySettings().Where(s => !measured.Contains(s)).ToList() is { Count: > 0 } probed
            ? $"differs from the profile, and no setting value a run tries describes it ({string.Join(", ", probed)}, which the probe measures, may): {failure.Check.What}"
            : $"differs from the profile, and no setting value describes it: {failure.Check.What}"));

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
