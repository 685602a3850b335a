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

    /// <summary>GEN-3: the cap counts requests, so each request must cost bounded memory, whatever a client puts in it.</summary>
    [Fact]
    public async Task A_request_with_huge_names_and_values_is_kept_cut()
    {
        // Arrange: 15 paused values of 60,000 characters, and a list with 200 names of 1,000 characters, without a session
        await using var recorder = await FakeRecorder.StartAsync(TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var values = string.Join("&", Enumerable.Range(0, 15).Select(i => "paused=" + new string((char)('a' + i), 60_000)));
        var names = string.Join("&", Enumerable.Range(0, 200).Select(i => $"n{i:D3}{new string('x', 1_000)}=1"));

        // Act
        await http.PostAsync($"/callrec/restful/couples.xml/{PauseResume.Simulator.Tests.Support.TestWorlds.AgentsCouple}/pausedState", new StringContent(values, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"), TestContext.Current.CancellationToken);
        await http.GetAsync($"/callrec/restful/couples.xml?{names[..6_000]}", TestContext.Current.CancellationToken);
        var report = recorder.Audit.Report();

        // Assert
        var kept = report.Findings.SelectMany(f => f.Requests).Distinct().ToList();
        kept.ShouldNotBeEmpty();
        kept.ShouldAllBe(r => r.Target.Length <= 250 && r.PausedValues.Count <= 4 && r.ParameterNames.Count <= 8, "each kept request is cut");
        kept.SelectMany(r => r.PausedValues.Concat(r.ParameterNames)).ShouldAllBe(v => v.Length <= 70, "each kept name and value is cut");
        report.ToString().Length.ShouldBeLessThan(20_000, "the report quotes what was kept");
    }

    /// <summary>
    /// GEN-3: past <see cref="ClientAudit.MaxKeptBytes"/> the audit keeps no more, however few requests it holds: a
    /// client sending a new long session id and a long path each time fills it long before <see cref="ClientAudit.MaxRequests"/>.
    /// </summary>
    [Fact]
    public async Task Past_its_memory_bound_the_audit_keeps_nothing_more_until_a_clear()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestContext.Current.CancellationToken);
        var audit = recorder.Audit;
        var path = "/callrec/restful/couples.xml/1/pausedState?" + new string('n', 200);
        var i = 0;
        while (audit.Report().RequestsNotKept == 0 && i < ClientAudit.MaxRequests)
        {
            for (var j = 0; j < 1_000; j++, i++)
            {
                audit.Observe(new AuditedRequest("POST", path, 403, "SES-1", RequestKind.PausedState) { SessionId = $"{i:D8}{new string('Z', 92)}", PausedValues = ["true"] });
            }
        }

        var full = audit.Report();
        audit.Observe(new AuditedRequest("GET", "/", 404, "GEN-1", RequestKind.Other));
        var after = audit.Report();
        audit.Clear();
        audit.Observe(new AuditedRequest("GET", "/", 404, "GEN-1", RequestKind.Other));

        full.RequestsNotKept.ShouldBeGreaterThan(0, "the bound was reached");
        full.RequestsSeen.ShouldBeLessThan(ClientAudit.MaxRequests / 2, "long before the count of requests");
        audit.Report().RequestsSeen.ShouldBe(1, "a clear makes room again");
        after.RequestsNotKept.ShouldBe(full.RequestsNotKept + 1, "a small request after the bound is not kept either");
        after.ToString().ShouldContain("not audited");
    }

    /// <summary>
    /// GEN-3: many clients each shown a large world's list once: the couples each was shown are kept as runs of
    /// consecutive ids, so 120 clients shown 10,000 couples each fit in the audit's memory bound with room to spare (at
    /// about 56 bytes a couple, as a hash set of ids, they filled it).
    /// </summary>
    [Fact]
    public async Task A_hundred_and_twenty_clients_each_shown_ten_thousand_couples_stay_well_within_the_audits_memory_bound()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestContext.Current.CancellationToken);
        var audit = recorder.Audit;
        long[] couples = [.. Enumerable.Range(0, 10_000).Select(i => 24_197L + i)];

        for (var client = 0; client < 120; client++)
        {
            audit.Observe(new AuditedRequest("GET", "/callrec/restful/couples.xml", 200, "LST-5", RequestKind.List) { SessionId = $"session-{client}", Links = couples });
            audit.Observe(new AuditedRequest("GET", "/callrec/restful/couples.xml/34196", 200, "DET-2", RequestKind.Details) { SessionId = $"session-{client}", CoupleId = 34_196, Links = [34_196] });
        }

        audit.Report().RequestsNotKept.ShouldBe(0);
        audit.KeptBytes.ShouldBeLessThan(ClientAudit.MaxKeptBytes / 4, "about 8 bytes a couple, each client's list once");
        audit.Report().Findings.ShouldNotContain(f => f.Name.StartsWith("unlinked-", StringComparison.Ordinal), "every details followed a list that linked its couple");
    }

    /// <summary>
    /// GEN-3: a request with sixteen long parameter names, sixteen long paused values and a new long session id (a
    /// trail of its own) costs the audit under 3 KB by its estimate (over 5 KB when every name and value was kept; about 10 KB
    /// of resident memory was measured then).
    /// </summary>
    [Fact]
    public async Task A_request_filled_with_names_values_and_a_new_session_id_costs_the_audit_under_three_kilobytes()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var body = string.Join("&", Enumerable.Range(0, 16).Select(i => $"{new string((char)('a' + i), 39)}x=1").Concat(Enumerable.Range(0, 16).Select(i => $"paused={i:D40}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/callrec/restful/couples.xml/{PauseResume.Simulator.Tests.Support.TestWorlds.AgentsCouple}/pausedState")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("Cookie", "JSESSIONID=" + new string('Q', 100));

        (await http.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);

        recorder.Audit.Report().RequestsSeen.ShouldBe(1);
        recorder.Audit.KeptBytes.ShouldBeInRange(1_000, 3_000, "texts cut to what the findings judge, the trail counted");
    }

    /// <summary>PSE-2: what is cut is repetition, never the value that differs from the rest.</summary>
    [Fact]
    public async Task A_differing_paused_value_after_many_equal_ones_is_still_reported()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestContext.Current.CancellationToken);
        var admin = await PauseResume.Simulator.Tests.Support.LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var values = string.Join("&", Enumerable.Repeat("paused=true", 20)) + "&paused=false";

        await admin.SendAsync(HttpMethod.Post, $"/callrec/restful/couples.xml/{PauseResume.Simulator.Tests.Support.TestWorlds.AgentsCouple}/pausedState", new StringContent(values, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        recorder.Audit.Report().Findings.ShouldContain(f => f.Name == "ambiguous-paused", "PSE-2: paused given with different values");
    }
}
