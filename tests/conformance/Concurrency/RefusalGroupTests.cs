using PauseResume.Conformance.Concurrency;
using Shouldly;

namespace PauseResume.Conformance.Tests.Concurrency;

/// <summary>
/// DET-3, PSE-4: a couple whose call ends while the agents run is refused from then on, a legal event. The summary said
/// only "234 refused"; it now groups the refusals by status and names the couples refused every time from a moment on.
/// </summary>
public sealed class RefusalGroupTests
{
    private static Operation Op(int id, long couple, double at, OperationOutcome outcome, int? status = null, OperationKind kind = OperationKind.Pause) =>
        new(id, 0, "agent", couple, kind, TimeSpan.FromSeconds(at), outcome == OperationOutcome.Unknown ? null : TimeSpan.FromSeconds(at + 0.01), outcome, Status: status);

    [Fact]
    public void DET_3_A_couple_answered_then_refused_every_time_is_named_with_the_moment_its_refusals_began()
    {
        Operation[] operations =
        [
            Op(1, 41, 0.1, OperationOutcome.Done), Op(2, 41, 0.5, OperationOutcome.Done, kind: OperationKind.Read),
            Op(3, 41, 1.2, OperationOutcome.Refused, 404), Op(4, 41, 1.3, OperationOutcome.Unknown), Op(5, 41, 1.9, OperationOutcome.Refused, 404, OperationKind.Read),
            Op(6, 42, 0.2, OperationOutcome.Refused, 404), Op(7, 42, 0.6, OperationOutcome.Done),
            Op(8, 43, 0.3, OperationOutcome.Refused, 403), Op(9, 43, 0.4, OperationOutcome.Refused, 403),
        ];

        var groups = RefusalGroup.Of(operations, TimeSpan.FromSeconds(0.1));

        groups.Select(g => (g.Status, g.Count)).ShouldBe([(404, 3), (403, 2)]);
        groups[0].Couples.ShouldBe([41L, 42L]);
        groups[0].RefusedFromOn.ShouldBe(new Dictionary<long, TimeSpan> { [41] = TimeSpan.FromSeconds(1.1) }, "42 was answered after its refusal; a time-out in between says nothing");
        groups[1].RefusedFromOn.ShouldBeEmpty("43 was never answered: refused from the start is a right it lacks, not an end");
    }

    [Fact]
    public void DET_3_A_couple_whose_last_refusals_have_two_statuses_is_refused_from_no_one_moment()
    {
        Operation[] operations = [Op(1, 41, 0.1, OperationOutcome.Done), Op(2, 41, 0.5, OperationOutcome.Refused, 404), Op(3, 41, 0.9, OperationOutcome.Refused, 410)];

        var groups = RefusalGroup.Of(operations, TimeSpan.FromSeconds(0.1));

        groups.SelectMany(g => g.RefusedFromOn.Keys).ShouldBeEmpty();
        groups.Select(g => g.Status).ShouldBe([404, 410]);
    }
}
