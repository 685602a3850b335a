namespace PauseResume.Conformance.Kit;

/// <summary>
/// The outcome of a conformance run: every rule's verdict, the settings in which the server differs from the
/// profile, and the audit of a real recorder. The verdict keeps "broken" (a documented rule, a bug) apart from
/// "differs" (an inference of ours that this server does otherwise).
/// </summary>
internal sealed record KitResult(
    string Target,
    string Profile,
    string? ProfileNote,
    int Seed,
    int Runs,
    IReadOnlyList<RuleResult> Rules,
    IReadOnlyList<Failure> Failures,
    IReadOnlyList<string> AuditProblems)
{
    public const int ExitConformant = 0;
    public const int ExitBroken = 1;
    public const int ExitUsage = 2;
    public const int ExitDiffers = 3;
    public const int ExitUnchecked = 4;
    public const int ExitFaulted = 5;

    /// <summary>The steps that met a fault (a simulator fault, 502/503/504, a cut answer, a timeout): none of them was judged.</summary>
    public IReadOnlyList<FaultMet> Faults { get; init; } = [];

    /// <summary>The run stopped early: scenarios in a row met requests the target did not answer in time.</summary>
    public bool Stalled { get; init; }

    /// <summary>Why no scenario ran, where the --budget was spent before the first could start (<see cref="RunBudget.SpentFirst"/>): nothing was checked.</summary>
    public string? NothingRun { get; init; }

    /// <summary>Couples on a real recorder whose state the final audit could not read: nothing proven either way.</summary>
    public IReadOnlyList<string> AuditUnchecked { get; init; } = [];

    /// <summary>Couples on a real recorder the clean-up left as someone else set them during the run; no problem of the server's.</summary>
    public IReadOnlyList<string> AuditNotes { get; init; } = [];

    /// <summary>The settings the probe measured in the profile checked against (none when it was not probed).</summary>
    public IReadOnlySet<string> Measured { get; init; } = new HashSet<string>();

    public IEnumerable<RuleResult> Broken => Rules.Where(r => r.Status == RuleStatus.Failed);

    public IEnumerable<RuleResult> Differing => Rules.Where(r => r.Status == RuleStatus.Differs);

    public IEnumerable<RuleResult> NotChecked => Rules.Where(r => r.Status == RuleStatus.NotChecked);

    /// <summary>
    /// Every setting the server's answers contradict, with the value they match; a setting whose value explained one
    /// failure while another value explained another is none of them (<see cref="UndecidedSettings"/>).
    /// </summary>
    public IEnumerable<SettingChange> SettingChanges => Failures.SelectMany(f => f.Explained).DistinctBy(c => c.Setting).Where(c => !UndecidedSettings.Contains(c.Setting));

    /// <summary>Values that fitted as well as <paramref name="change"/> where it explained a failure: nothing the run met told them apart.</summary>
    public IReadOnlyList<SettingChange> Alike(SettingChange change) =>
        [.. Failures.Where(f => f.Explained.Count > 0 && f.Explained[^1] == change).SelectMany(f => f.Alternatives).Distinct()];

    /// <summary><c>setting=value</c>, and the values that fitted as well: <c>pausedLocation=query or post-form-and-query</c>.</summary>
    public string Named(SettingChange change) =>
        string.Concat([$"{change.Setting}={change.ServerValue}", .. Alike(change).Select(a => a.Setting == change.Setting ? $" or {a.ServerValue}" : $" or {a.Setting}={a.ServerValue}")]);

    /// <summary>Settings the server answered as one value in one scenario and as another in another: no value describes it.</summary>
    public IReadOnlyList<string> UndecidedSettings => [.. Failures.SelectMany(f => f.Explained).GroupBy(c => c.Setting).Where(g => g.Select(c => c.ServerValue).Distinct().Skip(1).Any()).Select(g => g.Key)];

    /// <summary>
    /// Values of other settings that fitted a failure of an undecided setting as well (a value named beside a guess, of a
    /// setting a run never guesses, say): one of them may explain every such failure at once, so the verdict names them
    /// rather than leave the server looking inconsistent (an empty direction read as none was put down to
    /// directionWithoutValue=ignored, a bad direction without a value then to checked).
    /// </summary>
    internal IReadOnlyList<string> FittedBesideUndecided => [.. Failures.Where(f => f.Explained.Any(c => UndecidedSettings.Contains(c.Setting)))
        .SelectMany(f => f.Alternatives).Where(a => !UndecidedSettings.Contains(a.Setting)).Select(a => $"{a.Setting}={a.ServerValue}").Distinct()];

    private string Together() => FittedBesideUndecided is { Count: > 0 } beside
        ? $"; or {string.Join(" or ", beside)}, which fitted as well, explains them with one value of it: --probe measures each"
        : string.Empty;

    /// <summary>Only a documented rule broken (or a couple left changed) makes a server non-conformant.</summary>
    public bool Conformant => !Broken.Any() && AuditProblems.Count == 0;

    /// <summary>The first failure that breaks a documented rule, else the first difference.</summary>
    public Failure? Failure => Failures.FirstOrDefault(f => f.BreaksDocumentedRule) ?? (Failures.Count > 0 ? Failures[0] : null);

    public int ExitCode(bool requireAllChecked) =>
        !Conformant ? ExitBroken
        : AuditUnchecked.Count > 0 ? ExitFaulted // a couple that may be left paused: a look by hand comes before a difference
        : NothingRun is not null ? ExitFaulted // no verdict at all: a pass would tell a CI that the recorder was checked
        : Differing.Any() ? ExitDiffers
        : Faults.Count > 0 ? ExitFaulted
        : requireAllChecked && NotChecked.Any() ? ExitUnchecked
        : ExitConformant;

    /// <summary>Which faults, how many steps each: <c>cut × 3, 503 × 1</c>.</summary>
    public string FaultSummary => string.Join(", ", Faults.GroupBy(f => f.Fault.Kind).Select(g => FormattableString.Invariant($"{g.Key} × {g.Count()}")));

    /// <summary>The verdict, and why the run stopped early where the target stopped answering.</summary>
    public string Verdict => Stalled ? $"{Said} The target stopped answering in time, so the run stopped after {Runs} scenario(s)." : Said;

    private string Said
    {
        get
        {
            var counts = FormattableString.Invariant($"{Rules.Count(r => r.Status == RuleStatus.Passed)} rules passed, {Broken.Count()} broken, {Differing.Count()} differ from the profile, {NotChecked.Count()} not checked ({Runs} scenario(s), seed {Seed})");
            if (!Conformant)
            {
                return $"NOT conformant: documented rule(s) broken: {string.Join(", ", Broken.Select(r => r.Rule.Id).Concat(AuditProblems.Count > 0 ? ["audit"] : []))}; {counts}.";
            }

            if (NothingRun is { } why)
            {
                return $"Nothing checked: {why}; run again with a larger --budget{(AuditUnchecked.Count > 0 ? $"; and {AuditUnchecked.Count} couple(s) the audit could not check (AUDIT UNCHECKED)" : string.Empty)}; {counts}.";
            }

            if (Differing.Any())
            {
                var settings = SettingChanges.ToList();
                return $"No documented rule broken, but this server differs from profile '{Profile}' where the rules are inferred ({string.Join(", ", Differing.Select(r => r.Rule.Id))})"
                       + (settings.Count > 0 ? $" (it matches {string.Join(", ", settings.Select(Named))}{(Measured.Count == 0 ? "; --probe records what it does" : string.Empty)})" : string.Empty)
                       + (UndecidedSettings.Count > 0 ? $" (no one value of {string.Join(", ", UndecidedSettings)} describes it: it answers as one value in some scenarios and as another in others{Together()})" : string.Empty)
                       + (Differing.Any(r => r.Failure?.Check is { Timing: true, Rule: "SES-6" }) ? " (its sessions seem to expire after a shorter idle than the profile's sessionIdleTimeout: the SES-6 line says how long one went without a request)" : string.Empty)
                       + (Differing.Any(r => r.Failure?.Check is { Timing: true, Rule: not "SES-6" } || r is { Measured: not null, Rule.Id: "PSE-1" }) ? " (its details show a pause or resume later than --settle allows: the PSE-1 line names the --settle to run with)" : string.Empty)
                       + (AuditUnchecked.Count > 0 ? $"; and {AuditUnchecked.Count} couple(s) the audit could not check (AUDIT UNCHECKED)" : string.Empty)
                       + $"; {counts}.";
            }

            if (Faults.Count > 0 || AuditUnchecked.Count > 0)
            {
                if (Faults.Count == 0)
                {
                    return $"Audit incomplete: no rule broken, but {AuditUnchecked.Count} couple(s) could not be read to check they are as they were found; {counts}.";
                }

                return $"Faults met: no rule broken in the steps judged, but {Faults.Count} step(s) met a fault and were not judged ({FaultSummary}); "

                       + (NotChecked.Any() ? $"{NotChecked.Count()} rule(s) not checked ({string.Join(", ", NotChecked.Select(r => r.Rule.Id))}); " : string.Empty) + $"{counts}.";
            }

            return NotChecked.Any()
                ? $"Partially checked: conformant on every rule checked, {NotChecked.Count()} not checked ({string.Join(", ", NotChecked.Select(r => r.Rule.Id))}); {counts}."
                : $"Conformant: {counts}.";
        }
    }
}
