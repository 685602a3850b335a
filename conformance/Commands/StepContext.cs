using PauseResume.Conformance.Model;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Commands;

/// <summary>What a step works with: the wire to the target, the model so far and what earlier steps saw.</summary>
internal sealed class StepContext(Wire.Wire wire, ITarget target, RunMemory memory, IReadOnlySet<long>? pausable)
{
    public Wire.Wire Wire => wire;

    public ITarget Target => target;

    public RunMemory Memory => memory;

    public required ModelState Model { get; set; }

    /// <summary>How long the details may take to show a pause or resume where the kit does not move the clock (see <see cref="Settling"/>).</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>On a real recorder, calls come and go on their own: a couple that ends meanwhile is a legal event.</summary>
    public bool Observing => target.Control is null;

    /// <summary>Couples the kit did not start may begin and end on their own (see <see cref="ITarget.CallsComeAndGo"/>).</summary>
    public bool CallsComeAndGo => target.CallsComeAndGo;

    /// <summary>The couples the kit may pause (null: any); on a real recorder only those allowed with --couple.</summary>
    public IReadOnlySet<long>? Pausable => pausable;

    /// <summary>
    /// The refusal of a request of <paramref name="slot"/> while it is not logged in: a pass or an unexpected success
    /// counts for the rule that logged it out (SES-2, SES-5, SES-6…), any other answer for the request's own rule.
    /// </summary>
    public StatusCheck NotLoggedIn(int slot, string resourceRule, string why) =>
        Model.Slot(slot).Because is var because && because != "LST-2"
            ? new(403, because, why) { OtherFailureRule = resourceRule }
            : new(403, resourceRule, why);
}
