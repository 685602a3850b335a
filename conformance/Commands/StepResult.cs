using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>What a step did (in words, with the ids it resolved), what it checked, and the model afterwards.</summary>
internal sealed record StepResult(string Description, IReadOnlyList<Check> Checks, ModelState Model)
{
    /// <summary>Set by a pause or resume, so the invariant after the step knows which rule a change belongs to.</summary>
    public PauseEffect? Pause { get; init; }
}
