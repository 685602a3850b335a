using PauseResume.Simulator.Audit;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Audit;

public sealed class ClientAuditLinkTests
{
    [Fact]
    public async Task LST_5_Details_of_a_couple_this_session_was_never_shown_a_link_to_are_reported()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");

        await client.Legacy.DetailsAsync(AgentsCouple);
        await client.LogOutAsync();

        var finding = recorder.Audit.Report().Findings.ShouldHaveSingleItem();
        finding.Name.ShouldBe("unlinked-details", "LST-5");
        finding.Rule.ShouldBe("LST-5");
        finding.Requests.Select(r => r.ToString()).ShouldBe([$"GET /callrec/restful/couples.xml/{AgentsCouple} → 200"], "LST-5");
    }

    /// <summary>
    /// The audit keeps, with each answer, only the couples its client had not been shown before: a list of a large world
    /// polled again and again costs it nothing more, and a couple far down a long list is still a linked one.
    /// </summary>
    [Fact]
    public async Task LST_5_and_DET_2_A_couple_far_down_a_long_list_is_linked_and_a_second_poll_keeps_no_links_again()
    {
        // Arrange: 400 calls in progress, all within admin's masks
        await using var recorder = await FakeRecorder.StartAsync(FourHundredCalls(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");
        var listed = await Documents.ListAsync(await client.Legacy.ListAsync());
        await client.Legacy.ListAsync();

        // Act: the last couple listed
        await client.Legacy.DetailsAsync(listed[^1].Id);
        await client.Legacy.PauseAsync(listed[^1].Id);
        await client.Legacy.ResumeAsync(listed[^1].Id);
        await client.LogOutAsync();

        // Assert
        listed.Count.ShouldBe(400);
        var lists = recorder.Audit.Kept().Where(r => r.Kind == RequestKind.List && r.Status == 200).ToList();
        lists[^2..].Select(r => r.Links.Count).ShouldBe([400, 0], "the first full poll's links are kept, the second's were all known");
        lists.ShouldAllBe(r => !r.LinksCut);
        var report = recorder.Audit.Report();
        report.Findings.ShouldNotContain(f => f.Name.StartsWith("unlinked-", StringComparison.Ordinal), report.ToString());
    }

    /// <summary>DET-2: a long list does not make every id linked: an id it did not show is still reported.</summary>
    [Fact]
    public async Task DET_2_After_a_list_of_hundreds_of_couples_an_id_it_did_not_show_is_still_reported()
    {
        await using var recorder = await FakeRecorder.StartAsync(FourHundredCalls(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");
        var listed = await Documents.ListAsync(await client.Legacy.ListAsync());
        var unknown = listed.Max(c => c.Id) + 1_000;

        await client.Legacy.PauseAsync(listed[^1].Id);
        await client.Legacy.ResumeAsync(listed[^1].Id);
        await client.Legacy.PauseAsync(unknown);
        await client.LogOutAsync();

        listed.Count.ShouldBe(400);
        recorder.Audit.Report().Findings.Where(f => f.Name == "unlinked-pausedState").SelectMany(f => f.Requests).Select(r => r.CoupleId).ShouldBe([unknown], "DET-2");
    }

    /// <summary>
    /// Past <see cref="ClientAudit.MaxLinkedPerTrail"/> couples shown to one client the audit remembers no more for it and
    /// takes it to have been shown every couple: no id is unlinked for it after that (no false finding, none made up).
    /// </summary>
    [Fact]
    public async Task LST_5_and_DET_2_A_client_shown_more_couples_than_the_audit_remembers_is_taken_to_have_seen_every_one()
    {
        await using var recorder = await FakeRecorder.StartAsync(TestContext.Current.CancellationToken);
        var audit = recorder.Audit;
        var many = Enumerable.Range(1, ClientAudit.MaxLinkedPerTrail + 10).Select(i => (long)i).ToList();
        audit.Observe(new AuditedRequest("GET", "/callrec/restful/couples.xml", 200, null, RequestKind.List) { SessionId = "one", Links = many });

        audit.Observe(new AuditedRequest("GET", "/callrec/restful/couples.xml/999999", 200, null, RequestKind.Details) { SessionId = "one", CoupleId = 999_999 });

        var list = audit.Kept()[0];
        list.Links.Count.ShouldBe(ClientAudit.MaxLinkedPerTrail);
        list.LinksCut.ShouldBeTrue();
        audit.Report().Findings.ShouldNotContain(f => f.Name.StartsWith("unlinked-", StringComparison.Ordinal));
    }

    private static World FourHundredCalls() =>
        new(1, RecorderProfile.Default, [Admin], [.. Enumerable.Range(0, 400).Select(i => new NewCall($"555{i:0000}", $"1{i:0000}", Direction: Direction.Incoming))]);

    [Fact]
    public async Task DET_2_Pausing_by_an_id_this_session_was_never_shown_is_reported_with_both_requests()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");

        await client.Legacy.PauseAsync(AgentsCouple);
        await client.Legacy.ResumeAsync(AgentsCouple);
        await client.LogOutAsync();

        var findings = recorder.Audit.Report().Findings;
        findings.Where(f => f.Rule == "DET-2").Select(f => f.Name).ShouldBe(["unlinked-pausedState", "unlinked-pausedState"]);
        findings.Where(f => f.Rule == "DET-2").SelectMany(f => f.Requests).Select(r => r.ToString()).ShouldBe(
            [$"POST /callrec/restful/couples.xml/{AgentsCouple}/pausedState → 204", $"PUT /callrec/restful/couples.xml/{AgentsCouple}/pausedState → 204"], "DET-2");
    }

    [Fact]
    public async Task DET_2_The_documented_path_built_from_the_id_of_a_couple_listed_with_a_self_link_is_not_reported()
    {
        using var recorder = FakeRecorder.Start(Small());
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");
        var listed = (await Documents.ListAsync(await client.Legacy.ListAsync("phoneNumber=10012"))).Single();

        await client.Legacy.PauseAsync(listed.Id);
        await client.Legacy.SetPausedAsync(listed.Id, "paused=false"); // a POST: a PUT's body alone is a finding of its own (PSE-3)
        await client.LogOutAsync();

        listed.SelfHref.ShouldNotBeNull("LST-5");
        var report = recorder.Audit.Report();
        report.IsClean.ShouldBeTrue(report.ToString());
    }

    [Fact]
    public async Task DET_2_Pausing_a_couple_the_list_showed_without_a_link_is_reported()
    {
        using var recorder = FakeRecorder.Start(Small());
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("agent", "agent-pw");
        var hidden = (await Documents.ListAsync(await client.Legacy.ListAsync())).Single(c => c.Id == OthersCouple);

        var refused = await client.Legacy.PauseAsync(hidden.Id);
        await client.LogOutAsync();

        hidden.SelfHref.ShouldBeNull("LST-5: the agent may not see this couple");
        refused.StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden, "PSE-4");
        var finding = recorder.Audit.Report().Findings.ShouldHaveSingleItem();
        (finding.Name, finding.Rule).ShouldBe(("unlinked-pausedState", "DET-2"));
        finding.Requests.Select(r => r.ToString()).ShouldBe([$"POST /callrec/restful/couples.xml/{OthersCouple}/pausedState → 403"], "DET-2");
    }

    [Fact]
    public async Task LST_5_A_link_shown_before_a_re_login_still_counts_for_the_same_client()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");
        var listed = await Documents.ListAsync(await client.Legacy.ListAsync("phoneNumber=10012"));

        await client.LogInAsync("admin", "secret");
        await client.Legacy.SendAsync(HttpMethod.Get, listed.Single().SelfHref!);
        await client.LogOutAsync();

        var report = recorder.Audit.Report();
        report.IsClean.ShouldBeTrue(report.ToString());
    }
}
