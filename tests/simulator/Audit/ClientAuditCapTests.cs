using PauseResume.Simulator.Audit;

namespace PauseResume.Simulator.Tests.Audit;

/// <summary>Past <see cref="ClientAudit.MaxRequests"/> the audit keeps no more requests, but counts each one it did not keep.</summary>
public sealed class ClientAuditCapTests
{
    [Fact]
    public async Task Past_the_cap_a_request_is_counted_as_not_kept_and_not_built_and_a_clear_makes_room_again()
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(TestContext.Current.CancellationToken);
        var audit = recorder.Audit;
        var list = new AuditedRequest("GET", "/callrec/restful/couples.xml", 403, "LST-2", RequestKind.List);
        for (var i = 0; i < ClientAudit.MaxRequests; i++)
        {
            audit.Observe(list);
        }

        var built = 0;

        // Act
        audit.Observe(list);
        audit.Observe(0, _ => { built++; return list; });
        var full = audit.Report();
        audit.Clear();
        audit.Observe(0, _ => { built++; return list; });
        var cleared = audit.Report();

        // Assert
        full.RequestsSeen.ShouldBe(ClientAudit.MaxRequests, "the audit keeps at most MaxRequests requests");
        full.RequestsNotKept.ShouldBe(2, "each request past the cap is counted, whichever way it was observed");
        cleared.RequestsSeen.ShouldBe(1, "after a clear the audit keeps requests again");
        cleared.RequestsNotKept.ShouldBe(0);
        built.ShouldBe(1, "a request past the cap is not built at all; one after the clear is");
    }
}
