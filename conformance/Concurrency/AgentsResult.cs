using PauseResume.Conformance.Kit;

namespace PauseResume.Conformance.Concurrency;

/// <summary>The outcome of a run of concurrent agents, couple by couple, with the exit code it earns.</summary>
internal sealed record AgentsResult(
    string Target,
    AgentsPlan Plan,
    TimeSpan Duration,
    IReadOnlyList<CoupleVerdict> Couples,
    int Refused,
    int ServerErrors,
    IReadOnlyList<string> AuditProblems)
{
    /// <summary>Couples whose state the final audit could not read: nothing proven either way (exit 5).</summary>
    public IReadOnlyList<string> AuditUnchecked { get; init; } = [];

    /// <summary>
    /// How late at least the details showed a pause and a resume sent to one couple before the agents started
    /// (<see cref="LagMeasurement"/>); null where the kit moves the clock (nothing lags there) or no couple could be
    /// measured (<see cref="LagNotMeasured"/> says why).
    /// </summary>
    public (long Couple, LagMeasurement.Lags Lags)? MeasuredLag { get; init; }

    /// <summary>Why the lag could not be measured (a pause refused, or answered as taken and never shown); null when it was, or needs not be.</summary>
    public string? LagNotMeasured { get; init; }

    /// <summary>--settle: the lag the run allows; zero where the kit moves the clock.</summary>
    public TimeSpan Settle { get; init; }

    /// <summary>
    /// The details showed both the pause and the resume later than --settle allows, at least: a difference on PSE-1's
    /// timing (inferred), with the --settle to use.
    /// </summary>
    public bool LagPastSettle => MeasuredLag is { Lags.Shortest: var lag } && lag > Settle;

    public int Unknown => Couples.Sum(c => c.Unknown);

    /// <summary>Of the operations without an answer, those the server or a gateway refused as busy or over its rate (503, 429).</summary>
    public int Unavailable { get; init; }

    public int Operations => Couples.Sum(c => c.Operations);

    /// <summary>The <see cref="Refused"/> operations by status, with the couples refused every time from a moment on.</summary>
    public IReadOnlyList<RefusalGroup> RefusedBy { get; init; } = [];

    public bool Broken => AuditProblems.Count > 0 || Couples.Any(c => c.NotSettled is not null);

    public bool Differs => Couples.Any(c => !c.Passed) || ServerErrors > 0 || LagPastSettle;

    public IEnumerable<CoupleVerdict> NotChecked => Couples.Where(c => !c.Checked);

    /// <summary>
    /// Why fewer than two agents ran (a user holds one session, sessionsPerUser=one or first-wins, and only one account
    /// could be an agent): no two operations overlapped, so the histories show each pause and resume taken and read back
    /// in order, and nothing of how the recorder orders concurrent ones; null when agents ran side by side.
    /// </summary>
    public string? NotConcurrent { get; init; }

    public string Verdict => Broken ? "Broken: a pause or resume answered as taken was lost (PSE-1), or a couple was left changed"
        : Differs ? "Differs: some history cannot be linearized, a pause reached the other couples of its call, the details showed a pause or resume later than --settle, or the server answered 5xx (GEN-3, PSE-1's timing and reach: inferred)"
        : Couples.Count > 0 && Couples.All(c => !c.Checked) ? $"Not checked: no couple's history could be checked ({NotChecked.First().NotChecked})"
        : NotConcurrent is not null ? $"Not concurrent: {NotConcurrent}; every history checked has an order consistent with real time that explains every read{LaggedWords}, which one agent's sequential operations show, not concurrency{(NotChecked.Any() ? $"; {NotChecked.Count()} couple(s) not checked ({NotChecked.First().NotChecked})" : string.Empty)}"
        : NotChecked.Any() ? $"Partially checked: every history checked has an order consistent with real time that explains every read{LaggedWords}; {NotChecked.Count()} couple(s) not checked ({NotChecked.First().NotChecked})"
        : "Linearizable: every couple's history has an order consistent with real time that explains every read" + LaggedWords;

    private string LaggedWords => Lagged > 0 ? $" ({Lagged} couple(s) only with details that show a pause or resume late, within --settle: PSE-1 does not say how soon they show one)" : string.Empty;

    /// <summary>Couples that passed only with details that lag within --settle.</summary>
    public int Lagged => Couples.Count(c => c.Lagged);

    /// <summary>
    /// A couple not checked is no failure, as a rule not checked is none in a kit run, nor is a run whose agents could not
    /// run side by side; --require-all makes either exit 4.
    /// </summary>
    public int ExitCode(bool requireAllChecked = false) =>
        Broken ? KitResult.ExitBroken
        : AuditUnchecked.Count > 0 ? KitResult.ExitFaulted // a couple that may be left paused: a look by hand comes before a difference
        : Differs ? KitResult.ExitDiffers
        : requireAllChecked && (NotChecked.Any() || NotConcurrent is not null) ? KitResult.ExitUnchecked
        : KitResult.ExitConformant;
}
