using System.Net;
using PauseResume.Simulator.Faults;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Faults;

/// <summary>Which requests a fault hits: its path glob, the rule that decided the request, its user, its seeded probability.</summary>
public sealed class FaultScopeTests
{
    private static readonly Fault Boom = new("boom", FaultKind.Status) { Status = 502 };

    /// <summary>A refused name is quoted as the control API quotes a client's text: its line breaks and control characters as escapes.</summary>
    [Fact]
    public void A_refused_name_is_quoted_with_its_control_characters_escaped()
    {
        // Act
        var problem = (Boom with { Name = "a\nb\u001b[31mc" }).Problem();

        // Assert
        problem.ShouldNotBeNull();
        problem.ShouldEndWith("not 'a\\nb\\u001B[31mc'");
        problem.ShouldNotContain('\n');
        problem.ShouldNotContain('\u001b');
    }

    [Fact]
    public async Task A_path_glob_hits_the_paths_it_matches_and_no_other()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        recorder.Faults.Add(Boom with { Path = "/CALLREC/restful/couples.xml/*" });

        var list = await client.ListAsync();
        var details = await client.DetailsAsync(AgentsCouple);
        var pause = await client.PauseAsync(AgentsCouple);

        list.StatusCode.ShouldBe(HttpStatusCode.OK, "the glob needs something after couples.xml/");
        details.StatusCode.ShouldBe(HttpStatusCode.BadGateway, "'*' matches the couple id; the glob ignores case as the routes do");
        pause.StatusCode.ShouldBe(HttpStatusCode.BadGateway, "'*' matches slashes too");
    }

    [Fact]
    public async Task A_rule_scope_cuts_only_answers_decided_by_that_rule_or_family()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var agent = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "agent", "agent-pw");
        recorder.Faults.Add(new Fault("cut", FaultKind.Abort) { Rule = "PSE-1" });
        recorder.Faults.Add(new Fault("cut-det", FaultKind.Abort) { Rule = "det" });

        var refused = await agent.PauseAsync(OthersCouple);
        var changed = await Should.ThrowAsync<HttpRequestException>(() => agent.PauseAsync(AgentsCouple));
        var unchanged = await agent.PauseAsync(AgentsCouple);
        var details = await Should.ThrowAsync<HttpRequestException>(() => agent.DetailsAsync(AgentsCouple));

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "PSE-4 decided it, not PSE-1: no fault");
        unchanged.StatusCode.ShouldBe(HttpStatusCode.NoContent, "PSE-3 decided the second pause (nothing changed), not PSE-1");
        recorder.Faults.List().Select(s => (s.Fault.Name, s.Injected)).ShouldBe([("cut", 1L), ("cut-det", 1L)], "the family DET matches DET-2");
        changed.ShouldNotBeNull();
        details.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_fault_that_acts_before_the_decision_cannot_be_scoped_by_rule()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var added = recorder.Faults.Add(Boom with { Rule = "PSE-1" });

        added.ShouldBe(FaultAdded.Invalid);
        (Boom with { Rule = "PSE-1" }).Problem().ShouldBe("rule: a boom fault (status) acts before the request is decided, when no rule is known yet; scope it by path instead");
        (new Fault("slow", FaultKind.Latency) { Latency = TimeSpan.FromSeconds(1), Rule = "PSE-1" }).ActsAfterDecision.ShouldBeTrue("a rule-scoped latency is added after the decision");
    }

    [Fact]
    public async Task A_user_scope_hits_the_requests_of_that_users_sessions_and_that_users_logins()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var agent = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "agent", "agent-pw");
        recorder.Faults.Add(Boom with { User = "agent" });

        var adminList = await admin.ListAsync();
        var agentList = await agent.ListAsync();
        var agentLogin = await new LegacyClient(recorder.CreateClient()).LoginAsync("agent", "agent-pw");
        var adminLogin = await new LegacyClient(recorder.CreateClient()).LoginAsync("admin", "secret");

        adminList.StatusCode.ShouldBe(HttpStatusCode.OK);
        agentList.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        agentLogin.StatusCode.ShouldBe(HttpStatusCode.BadGateway, "a login is the user of its login field");
        adminLogin.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_same_seed_hits_the_same_requests_every_run_and_another_seed_others()
    {
        var first = await HitsAsync(seed: 7);
        var again = await HitsAsync(seed: 7);
        var other = await HitsAsync(seed: 8);

        again.ShouldBe(first, "the same seed and the same requests give the same faults");
        other.ShouldNotBe(first, "another seed draws another sequence");
        first.Count(hit => hit).ShouldBeInRange(5, 35, "probability 0.5 over 40 requests");
    }

    [Fact]
    public async Task Probability_zero_never_hits_and_nothing_is_counted()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        recorder.Faults.Add(Boom with { Probability = 0 });

        for (var i = 0; i < 20; i++)
        {
            (await admin.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        recorder.Faults.List().ShouldHaveSingleItem().Injected.ShouldBe(0);
    }

    private static async Task<List<bool>> HitsAsync(int seed)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        recorder.Faults.Add(Boom with { Probability = 0.5, Seed = seed });
        var hits = new List<bool>();
        for (var i = 0; i < 40; i++)
        {
            hits.Add((await admin.ListAsync()).StatusCode == HttpStatusCode.BadGateway);
        }

        recorder.Faults.List().ShouldHaveSingleItem().Injected.ShouldBe(hits.Count(h => h), "every hit is counted");
        return hits;
    }
}
