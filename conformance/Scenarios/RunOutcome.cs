using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Wire;

namespace PauseResume.Conformance.Scenarios;

/// <summary>How a scenario went: the steps in words, the transcript, and the check that ended it, if any.</summary>
internal sealed record RunOutcome(IReadOnlyList<string> Trace, IReadOnlyList<Exchange> Transcript, Check? Broken, int FailingStep)
{
    public bool Failed => Broken is not null;

    /// <summary>The fault a step met, which ended the scenario unjudged from that step on.</summary>
    public StepFault? Fault { get; init; }
}
