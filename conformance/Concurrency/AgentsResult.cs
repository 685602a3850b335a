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
    public int Unknown => Couples.Sum(c => c.Unknown);

    public int Operations => Couples.Sum(c => c.Operations);

    public bool Broken => AuditProblems.Count > 0 || Couples.Any(c => c.NotSettled is not null);

    public bool Differs => Couples.Any(c => !c.Passed) || ServerErrors > 0;

    public string Verdict => Broken ? "Broken: a pause or resume answered as taken was lost (PSE-1), or a couple was left changed"
        : Differs ? "Differs: some history cannot be linearized, or the server answered 5xx (GEN-3, inferred)"
        : "Linearizable: every couple's history has an order consistent with real time that explains every read";

    public int ExitCode => Broken ? KitResult.ExitBroken : Differs ? KitResult.ExitDiffers : KitResult.ExitConformant;
}
