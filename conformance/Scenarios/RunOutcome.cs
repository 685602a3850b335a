using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Wire;

namespace PauseResume.Conformance.Scenarios;

/// <summary>How a scenario went: the steps in words, the transcript, and the check that ended it, if any.</summary>
internal sealed record RunOutcome(IReadOnlyList<string> Trace, IReadOnlyList<Exchange> Transcript, Check? Broken, int FailingStep)
{
    public bool Failed => Broken is not null;

    /// <summary>The fault a step met, which ended the scenario unjudged from that step on.</summary>
    public StepFault? Fault { get; init; }

    /// <summary>Where in <see cref="Transcript"/> the failing step's requests begin (its own request first, then any the kit sent to explain it); null: the last request.</summary>
    public int? FailingExchange { get; init; }

    /// <summary>The profile settings the run read (<see cref="Profiles.ProfileReads"/>) until it ended; null where not noted.</summary>
    public IReadOnlySet<string>? SettingsRead { get; init; }
}
