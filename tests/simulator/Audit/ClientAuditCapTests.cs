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

    [Fact]
    public async Task A_full_audit_of_one_client_with_a_finding_on_every_request_reports_each_in_the_order_of_its_requests()
    {
        // Arrange: as many GETs of pausedState (PSE-4) as the audit keeps, each its own request, on one session
        await using var recorder = await FakeRecorder.StartAsync(TestContext.Current.CancellationToken);
        var audit = recorder.Audit;
        var requests = Enumerable.Range(0, ClientAudit.MaxRequests)
            .Select(i => new AuditedRequest("GET", $"/callrec/restful/couples.xml/{i}/pausedState", 405, "PSE-4", RequestKind.PausedState) { SessionId = "one" })
            .ToList();
        requests.ForEach(audit.Observe);

        // Act
        var report = audit.Report();

        // Assert
        report.Findings.Count(f => f.Name == "get-pausedState").ShouldBe(ClientAudit.MaxRequests, "PSE-4: one finding per GET of pausedState");
        report.Findings.Where(f => f.Name == "get-pausedState").Select(f => f.Requests[0]).ShouldBe(requests, "findings in the order of their requests");
    }
}
