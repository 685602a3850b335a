using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Kit;

internal sealed partial class ConformanceKit
{
    /// <summary>What a run carries from one scenario to the next and its failures change.</summary>
    private sealed class RunState(ScenarioRunner runner, RuleLedger ledger, KitProfile checkedAgainst, RunBudget budget)
    {
        public ScenarioRunner Runner { get; } = runner;

        public RuleLedger Ledger { get; } = ledger;

        /// <summary>The profile the run expects now: the one given, with the values found to explain failures so far.</summary>
        public KitProfile CheckedAgainst { get; set; } = checkedAgainst;

        /// <summary>Signatures of inferred checks whose difference no setting describes, let pass once reported.</summary>
        public HashSet<string> Tolerated { get; } = new(StringComparer.Ordinal);

        public List<FaultMet> Faults { get; } = [];

        /// <summary>The run stopped early: the target no longer answered in time.</summary>
        public bool Stalled { get; set; }

        /// <summary>The scenarios of the failures explained so far, which a later explanation must fit too.</summary>
        public List<Scenario> ExplainedBefore { get; } = [];

        public RunBudget Budget { get; } = budget;
    }
}
