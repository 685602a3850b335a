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
    /// The audit keeps the first few hundred links of an answer only (a list of a large world polled again and again
    /// cost it 8 bytes a couple a poll, gigabytes in minutes), and takes a session shown more to have been shown every
    /// couple: the details and pause of a couple past the kept links are no finding.
    /// </summary>
    [Fact]
    public async Task LST_5_and_DET_2_A_couple_listed_past_the_links_the_audit_keeps_is_no_finding()
    {
        // Arrange: 400 calls in progress, all within admin's masks
        var calls = Enumerable.Range(0, 400).Select(i => new NewCall($"555{i:0000}", $"1{i:0000}", Direction: Direction.Incoming)).ToArray();
        await using var recorder = await FakeRecorder.StartAsync(new World(1, RecorderProfile.Default, [Admin], calls), TestContext.Current.CancellationToken);
        var client = new CarefulClient(recorder.CreateClient());
        await client.LogInAsync("admin", "secret");
        var listed = await Documents.ListAsync(await client.Legacy.ListAsync());

        // Act: the last couple listed, far past the kept links
        await client.Legacy.DetailsAsync(listed[^1].Id);
        await client.Legacy.PauseAsync(listed[^1].Id);
        await client.Legacy.ResumeAsync(listed[^1].Id);
        await client.LogOutAsync();

        // Assert
        listed.Count.ShouldBe(400);
        var list = recorder.Audit.Kept().Last(r => r.Kind == RequestKind.List && r.Status == 200);
        list.Links.Count.ShouldBe(256, "the audit keeps the first 256 links of an answer");
        list.LinksCut.ShouldBeTrue();
        var report = recorder.Audit.Report();
        report.Findings.ShouldNotContain(f => f.Name.StartsWith("unlinked-", StringComparison.Ordinal), report.ToString());
    }

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
