using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Targets;

public sealed partial class RealWorldTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private static readonly ModelUser[] Accounts =
    [
        new("admin", "admin", true, true, []),
        new("agent", "agent", true, true, ["1002?"]),
        new("guest", "guest", false, false, []),
    ];

    /// <summary>
    /// PSE-1, the final audit: details that lag may still show a couple put back as found in the state before the
    /// put-back. The audit reads it again as a scenario's check does (up to fifteen times --settle) before it calls the
    /// couple left changed, a claim that makes the run not conformant (once, an agents run at the default
    /// --settle on a recorder 3 s late exited 1; the agents' last pause had been put back, and the couple was recording).
    /// </summary>
    [Fact]
    public async Task PSE_1_The_final_audit_waits_for_a_put_back_that_shows_later_than_settle()
    {
        // Arrange: details a second behind; a couple found recording, paused (shown), then put back just now
        await using var inner = new InProcessTarget(LaggingDetails.LaggingBy(TimeSpan.FromSeconds(1)));
        var id = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken)).Single().Id;
        var real = await RealWorld.ObserveAsync(new ObservedTarget(inner), Accounts, [id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var pausedState = $"callrec/restful/couples.xml/{id}/pausedState";
        using var http = inner.CreateClient();
        var wire = new PauseResume.Conformance.Wire.Wire(http, TimeSpan.Zero, TimeProvider.System);
        await wire.LoginAsync(0, Accounts[0], TestContext.Current.CancellationToken);
        await wire.SendAsync(0, HttpMethod.Post, pausedState, "paused=true", cancellationToken: TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken); // the pause shows
        await wire.SendAsync(0, HttpMethod.Post, pausedState, "paused=false", cancellationToken: TestContext.Current.CancellationToken);

        // Act: --settle 0.3 s, shorter than the lag
        var audit = await real.AuditAsync(TimeSpan.FromMilliseconds(300), TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Assert
        audit.Changed.ShouldBeEmpty("PSE-1: the put-back shows a second late; the couple is recording, as found");
        audit.Unchecked.ShouldBeEmpty();
    }

    /// <summary>
    /// DET-3 (inferred, endedCoupleDetails=served): a recorder may go on serving the details of a couple that has ended,
    /// with the state it ended in. A couple the kit paused that ended before a clean-up could put it back (calls end all
    /// the time) was called left changed, a claim that makes the run not conformant, of a call that records nothing any
    /// more. One still in progress is left changed as before.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DET_3_The_final_audit_leaves_alone_a_couple_that_ended_paused_whose_details_are_still_served(bool ends)
    {
        // Arrange: a couple found recording, paused, never put back; then it ends (or not)
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.EndedCoupleDetails, "served").Profile! with { Name = "recorder" });
        var id = (await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken)).Single().Id;
        var real = await RealWorld.ObserveAsync(new ObservedTarget(inner), Accounts, [id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = inner.CreateClient();
        var wire = new PauseResume.Conformance.Wire.Wire(http, TimeSpan.Zero, TimeProvider.System);
        await wire.LoginAsync(0, Accounts[0], TestContext.Current.CancellationToken);
        (await wire.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{id}/pausedState", "paused=true", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);
        if (ends)
        {
            (await inner.Control.EndCallAsync(id, TestContext.Current.CancellationToken)).ShouldBeTrue();
        }

        // Act
        var audit = await real.AuditAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Assert
        if (ends)
        {
            audit.Changed.ShouldBeEmpty("the call has ended: nothing records, nothing is left paused");
        }
        else
        {
            audit.Changed.ShouldHaveSingleItem().ShouldContain($"couple {id} was found recording but is now paused=true");
        }

        audit.Unchecked.ShouldBeEmpty();
    }

    /// <summary>
    /// DET-3, LST-5: the audit takes a couple whose details are refused for ended where the reader's served list no longer
    /// holds it (refusalOrder=masks-first refuses an ended couple 403 to a masked user), but only where the reader's masks
    /// reach it: one they do not reach is refused, and left out of the list under unseenCouples=omitted, while in progress,
    /// and it stays unchecked rather than ended (a couple left paused would have passed unseen).
    /// </summary>
    [Fact]
    public async Task DET_3_The_audit_takes_no_couple_the_readers_masks_do_not_reach_for_ended()
    {
        // Arrange: admin lists only; agent, the reader, may pause but its masks do not reach the couple
        ModelUser[] accounts = [new("admin", "admin", true, false, []), new("agent", "agent", true, true, ["1002?"])];
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.UnseenCouples, "omitted").Profile! with { Name = "recorder" });
        var id = (await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550103", "10033", "10.0.0.5", "10.0.1.33")]), TestContext.Current.CancellationToken)).Single().Id;
        var real = await RealWorld.ObserveAsync(new ObservedTarget(inner), accounts, [id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        real.Pausable.ShouldContain(id, "admin read its state");

        // Act
        var audit = await real.AuditAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken, KitProfile.Default.With(ProfileSettings.UnseenCouples, "omitted").Profile!);

        // Assert
        audit.Unchecked.ShouldHaveSingleItem().ShouldContain($"couple {id} could not be read to check it is as it was found (its details answered 403 to agent)");
    }

    [Fact]
    public async Task PSE_1_The_final_audit_does_not_take_a_stale_read_of_lagging_details_for_a_put_back()
    {
        // Arrange: details half a second behind; a couple found recording is paused just now and never put back (a
        // put-back lost), so for half a second its details still show it recording, as found
        await using var inner = new InProcessTarget(LaggingDetails.LaggingBy(TimeSpan.FromMilliseconds(500)));
        var id = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken)).Single().Id;
        var real = await RealWorld.ObserveAsync(new ObservedTarget(inner), Accounts, [id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = inner.CreateClient();
        var wire = new PauseResume.Conformance.Wire.Wire(http, TimeSpan.Zero, TimeProvider.System);
        await wire.LoginAsync(0, Accounts[0], TestContext.Current.CancellationToken);
        (await wire.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{id}/pausedState", "paused=true", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);

        // Act: --settle 0.1 s, and the run measured the half-second lag
        var audit = await real.AuditAsync(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);

        // Assert
        audit.Changed.ShouldHaveSingleItem("PSE-1: the couple is paused; the first read showed it recording only because its details lag")
            .ShouldContain($"couple {id} was found recording but is now paused=true");
    }

    /// <summary>
    /// PSE-1: the final audit's first read waits until twice the measured lag has passed since the last clean-up, not
    /// twice the lag from the audit's start: the time the run spent since then counts.
    /// </summary>
    [Fact]
    public async Task PSE_1_The_final_audit_waits_twice_the_lag_less_the_time_since_the_last_clean_up()
    {
        // Arrange: a clean-up of a couple, then 300 ms on a clock the test moves
        var time = new SteppedClock();
        await using var inner = new InProcessTarget();
        var id = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken)).Single().Id;
        var real = await RealWorld.ObserveAsync(new ObservedTarget(inner), Accounts, [id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken, time);
        using var http = inner.CreateClient();
        await real.CleanUpAsync(new PauseResume.Conformance.Wire.Wire(http, TimeSpan.Zero, TimeProvider.System), new HashSet<long> { id }, TimeSpan.Zero, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMilliseconds(300));

        // Act: the audit of a run that measured a lag of 500 ms
        var audit = real.AuditAsync(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        var wait = await time.Waits.Reader.ReadAsync(TestContext.Current.CancellationToken);
        time.Advance(wait);

        // Assert
        wait.ShouldBe(TimeSpan.FromMilliseconds(700));
        (await audit).Changed.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_couple_that_ends_during_the_run_is_a_legal_event_not_a_failure()
    {
        // Connected observe-only, the simulator is a real recorder to the kit, while the test ends a call behind its back.
        await using var simulator = await StandaloneSimulator.StartAsync("--control-token", "hidden");
        var target = await HttpTarget.ConnectAsync(simulator.Address, controlToken: null, CancellationToken.None, observeOnly: true);
        var real = await RealWorld.ObserveAsync(target, Accounts, [24197], allowPause: true, TimeSpan.Zero, CancellationToken.None);
        using var control = new HttpClient { BaseAddress = simulator.Address };
        control.DefaultRequestHeaders.Add("X-Simulator-Token", "hidden");

        (await control.DeleteAsync("/simulator/calls/24198")).EnsureSuccessStatusCode(); // ends after the kit looked
        var result = await new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = 12, Runs = 40, Real = real }.RunAsync(TestContext.Current.CancellationToken);

        target.Control.ShouldBeNull();
        real.Couples.Select(c => c.Id).ShouldContain(24198);
        result.Failures.ShouldBeEmpty(result.Failure is { } f ? $"{f.Check.Rule}: {f.Check.What}\n{string.Join("\n", f.Trace)}" : null);
        result.AuditProblems.ShouldBeEmpty();
    }

    /// <summary>
    /// PSE-1 on a real recorder: a couple someone else pauses between two scenarios is taken as found from then on (the
    /// clean-ups put it back to paused), and the report says so, since a details lag longer than the settle time looks
    /// the same.
    /// </summary>
    [Fact]
    public async Task A_couple_changed_between_scenarios_is_taken_as_found_and_the_report_says_so()
    {
        await using var inner = new InProcessTarget();
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var id = couples.Single().Id;
        var real = await RealWorld.ObserveAsync(new ObservedTarget(inner), Accounts, [id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        (await real.CouplesNowAsync(TimeSpan.Zero, TestContext.Current.CancellationToken)).Single(c => c.Id == id).Paused.ShouldBeFalse();
        using var agent = inner.CreateClient();
        var wire = new PauseResume.Conformance.Wire.Wire(agent, TimeSpan.Zero, TimeProvider.System);
        await wire.LoginAsync(0, Accounts.First(a => a.PauseAndResume), TestContext.Current.CancellationToken);
        (await wire.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{id}/pausedState", "paused=true", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);

        var now = await real.CouplesNowAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);

        now.Single(c => c.Id == id).Paused.ShouldBeTrue("an agent's hold is the state the kit puts back to from now on");
        real.Notes.ShouldHaveSingleItem().ShouldContain($"couple {id} was recording after a scenario and paused before the next one", Case.Sensitive);

        // An agent who holds the call now and then: noted once, then counted (one line each made a report of 28 lines).
        foreach (var paused in new[] { false, true, false })
        {
            (await wire.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{id}/pausedState", paused ? "paused=true" : "paused=false", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);
            (await real.CouplesNowAsync(TimeSpan.Zero, TestContext.Current.CancellationToken)).Single(c => c.Id == id).Paused.ShouldBe(paused);
        }

        real.Notes.Count.ShouldBe(2, string.Join("\n", real.Notes));
        real.Notes[1].ShouldContain($"couple {id} changed between scenarios 4 times in all", Case.Sensitive);
    }

    [Fact]
    public async Task Couples_are_observed_with_their_numbers_and_only_allowed_ones_may_be_paused()
    {
        await using var simulator = await StandaloneSimulator.StartAsync("--no-control");
        var target = await HttpTarget.ConnectAsync(simulator.Address, controlToken: null, CancellationToken.None);

        var real = await RealWorld.ObserveAsync(target, Accounts, [24197, 99999], allowPause: true, TimeSpan.Zero, CancellationToken.None);
        var readOnly = await RealWorld.ObserveAsync(target, Accounts, [24197], allowPause: false, TimeSpan.Zero, CancellationToken.None);

        real.Couples.Count.ShouldBe(7, "the default world's couples in progress");
        real.Couples.ShouldAllBe(c => c.Known, "admin may see every couple's details");
        real.Couples.Single(c => c.Id == 24197).CalledNumber.ShouldBe("10021");
        real.Pausable.ToList().ShouldBe([24197L], "only allowed couples in progress");
        readOnly.Pausable.ShouldBeEmpty("without --allow-pause nothing is paused");
    }

    [Fact]
    public async Task A_clean_up_whose_logouts_meet_a_503_still_puts_back_every_couple_it_paused()
    {
        // Arrange: observe-only, the simulator is a real recorder that gets into trouble once observed: every logout is answered 503
        await using var simulator = await StandaloneSimulator.StartAsync("--control-token", "hidden");
        var target = await HttpTarget.ConnectAsync(simulator.Address, controlToken: null, TestContext.Current.CancellationToken, observeOnly: true);
        var real = await RealWorld.ObserveAsync(target, Accounts, [24197], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var control = new HttpClient { BaseAddress = simulator.Address };
        control.DefaultRequestHeaders.Add("X-Simulator-Token", "hidden");
        using var fault = new StringContent("""{"name":"down","kind":"status","path":"/callrec/logoutAction.do","status":503}""", System.Text.Encoding.UTF8, "application/json");
        (await control.PostAsync("/simulator/faults", fault, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var kit = new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = 12, Runs = 20, MaxRuns = 20, Real = real };

        // Act
        var result = await kit.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var couple = System.Text.Json.JsonDocument.Parse(await control.GetStringAsync("/simulator/calls/24197", TestContext.Current.CancellationToken)).RootElement;
        result.Failures.ShouldBeEmpty(result.Failure is { } f ? $"{f.Check.Rule}: {f.Check.What}\n{string.Join("\n", f.Trace)}" : null);
        result.AuditProblems.ShouldBeEmpty("PSE-1: every couple the kit paused is put back, though the logouts of its clean-up met a fault");
        couple.GetProperty("paused").GetBoolean().ShouldBeFalse("PSE-1: couple 24197 was found recording and is recording again");
        couple.GetProperty("pauseHistory").GetArrayLength().ShouldBeGreaterThan(0, "the kit did pause it");
    }

    [Fact]
    public async Task A_couple_someone_else_paused_during_a_scenario_is_left_as_they_set_it_and_said_so()
    {
        // Arrange: the kit resumed couple 24197 in a scenario (it asked only for "recording"); then an agent put the call on hold
        await using var simulator = await StandaloneSimulator.StartAsync("--no-control");
        var target = await HttpTarget.ConnectAsync(simulator.Address, controlToken: null, TestContext.Current.CancellationToken);
        var real = await RealWorld.ObserveAsync(target, Accounts, [24197], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = target.CreateClient();
        var kit = await LoggedInAsync(http);
        await kit.SendAsync(0, HttpMethod.Post, "callrec/restful/couples.xml/24197/pausedState", "paused=false", cancellationToken: TestContext.Current.CancellationToken);
        await SetPausedAsAnotherAgentAsync(target, 24197, true);

        // Act
        await real.CleanUpAsync(kit, new HashSet<long> { 24197 }, Settle, TestContext.Current.CancellationToken);

        // Assert
        (await PausedAsync(target, 24197)).ShouldBeTrue("PSE-1: the clean-up must not resume a call an agent paused (a card payment, say)");
        real.Notes.ShouldHaveSingleItem().ShouldContain("couple 24197 was recording before a scenario and is now paused, which the kit never asked for");
        var audit = await real.AuditAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        audit.Changed.ShouldBeEmpty("the couple is as the last one to change it left it");
        // No clean-up had dealt with the couple before: the hold is an agent's, said in the note, and asks for no look by
        // hand (exit 5 on every run where agents use the API would hide couples that really could not be read).
        audit.Unchecked.ShouldBeEmpty(string.Join("; ", audit.Unchecked));
    }

    /// <summary>
    /// PSE-1: a couple taken for changed by someone else soon after a clean-up put it back may be the kit's own pause,
    /// shown by details that lag longer than the kit waits (fifteen times --settle). Where the run leaves it in another
    /// state than it began in, the audit names it for a look by hand (exit 5), since a call left paused is not recorded.
    /// </summary>
    [Fact]
    public async Task A_couple_taken_for_changed_soon_after_a_clean_up_put_it_back_is_named_for_a_look_by_hand()
    {
        // Arrange: a scenario paused 24197 and its clean-up put it back; in the next scenario the kit's pause was refused,
        // and right after, the couple reads paused
        var settle = TimeSpan.FromMilliseconds(20);
        await using var simulator = await StandaloneSimulator.StartAsync("--no-control");
        var target = await HttpTarget.ConnectAsync(simulator.Address, controlToken: null, TestContext.Current.CancellationToken);
        var real = await RealWorld.ObserveAsync(target, Accounts, [24197], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = target.CreateClient();
        var kit = await LoggedInAsync(http);
        await kit.SendAsync(0, HttpMethod.Post, "callrec/restful/couples.xml/24197/pausedState", "paused=true", cancellationToken: TestContext.Current.CancellationToken);
        await real.CleanUpAsync(kit, new HashSet<long> { 24197 }, settle, TestContext.Current.CancellationToken);
        await real.CouplesNowAsync(settle, TestContext.Current.CancellationToken);
        using var nextHttp = target.CreateClient();
        var next = new PauseResume.Conformance.Wire.Wire(nextHttp, TimeSpan.Zero, TimeProvider.System);
        await next.LoginAsync(0, Accounts[2], TestContext.Current.CancellationToken);
        (await next.SendAsync(0, HttpMethod.Post, "callrec/restful/couples.xml/24197/pausedState", "paused=true", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(403, "PSE-4: guest may not pause");
        await SetPausedAsAnotherAgentAsync(target, 24197, true);

        // Act
        await real.CleanUpAsync(next, new HashSet<long> { 24197 }, settle, TestContext.Current.CancellationToken);
        var audit = await real.AuditAsync(settle, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Assert
        (await PausedAsync(target, 24197)).ShouldBeTrue("PSE-1: the change is taken for someone else's and left as they set it");
        real.Notes.ShouldHaveSingleItem().ShouldContain("couple 24197 was recording before a scenario and is now paused, which the kit never asked for");
        audit.Changed.ShouldBeEmpty("the couple is as the last one to change it left it");
        audit.Unchecked.ShouldHaveSingleItem().ShouldContain("couple 24197 was recording when the run began and is left paused: the kit took a change soon after a clean-up of its call for someone else's (see the AUDIT NOTEs); if no one else made it, resume it by hand");
    }

    /// <summary>
    /// PSE-1 (inferred: pauseScope): a couple found in a state the kit asked only of another leg of its call is the kit's
    /// own doing only where a pause may reach every leg. Where the probe measured that it reaches its couple alone, the
    /// change is an agent's hold and is left as they set it; where the reach was not measured, it is put back and noted.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_hold_on_another_leg_is_left_alone_where_a_pause_was_measured_to_reach_its_couple_alone(bool measured)
    {
        // Arrange: one call of two legs; the kit paused the first (its last request of the call), its pause of the second
        // was refused, and an agent put the second on hold
        await using var inner = new InProcessTarget();
        ModelUser[] accounts = [.. Accounts];
        var first = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken)).Single();
        var second = (await inner.Control.StartCallAsync(new CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22"), TestContext.Current.CancellationToken, first.CallId)).Id;
        var real = await RealWorld.ObserveAsync(inner, accounts, [first.Id, second], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var profile = KitProfile.Default with { Measured = measured ? [ProfileSettings.PauseScope] : [] };
        using var http = inner.CreateClient();
        var kit = await LoggedInAsync(http);
        await kit.LoginAsync(1, accounts[2], TestContext.Current.CancellationToken);
        await kit.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{first.Id}/pausedState", "paused=true", cancellationToken: TestContext.Current.CancellationToken);
        (await kit.SendAsync(1, HttpMethod.Post, $"callrec/restful/couples.xml/{second}/pausedState", "paused=true", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(403, "PSE-4: guest may not pause");
        await SetPausedAsAnotherAgentAsync(inner, second, true);

        // Act
        await real.CleanUpAsync(kit, new HashSet<long> { first.Id, second }, TimeSpan.Zero, TestContext.Current.CancellationToken, profile);

        // Assert
        (await PausedAsync(inner, second)).ShouldBe(measured, measured ? "PSE-1: a pause reaches its couple alone here, so the hold is the agent's" : "the reach was not measured: the kit's own pause of the other leg may have reached it");
        real.Notes.ShouldHaveSingleItem().ShouldContain(measured ? "which the kit never asked for" : "which the kit asked only of another leg of its call");
    }

    /// <summary>
    /// PSE-1 (inferred: pauseScope): where a pause may reach every leg of its call, the kit's pause of one leg followed by
    /// its resume of the same leg leaves every leg as found either way. A hold on another leg since is an agent's, however
    /// the reach turns out: it is left alone and said so, not put back as a call-mate of the kit's pause.
    /// </summary>
    [Fact]
    public async Task A_hold_on_another_leg_after_the_kit_paused_and_resumed_the_call_is_left_alone_though_the_reach_was_not_measured()
    {
        // Arrange: one call of two legs; the kit paused and resumed the first, then an agent put the second on hold
        await using var inner = new InProcessTarget();
        ModelUser[] accounts = [.. Accounts];
        var first = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken)).Single();
        var second = (await inner.Control.StartCallAsync(new CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22"), TestContext.Current.CancellationToken, first.CallId)).Id;
        var real = await RealWorld.ObserveAsync(inner, accounts, [first.Id, second], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = inner.CreateClient();
        var kit = await LoggedInAsync(http);
        await kit.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{first.Id}/pausedState", "paused=true", cancellationToken: TestContext.Current.CancellationToken);
        await kit.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{first.Id}/pausedState", "paused=false", cancellationToken: TestContext.Current.CancellationToken);
        await SetPausedAsAnotherAgentAsync(inner, second, true);

        // Act
        await real.CleanUpAsync(kit, new HashSet<long> { first.Id, second }, TimeSpan.Zero, TestContext.Current.CancellationToken, KitProfile.Default);

        // Assert
        (await PausedAsync(inner, second)).ShouldBeTrue("PSE-1: the kit's last request of the call was a resume; the hold is the agent's");
        real.Notes.ShouldHaveSingleItem().ShouldContain($"couple {second} was recording before a scenario and is now paused, which the kit asked for but undid with a later request");
    }

    /// <summary>
    /// The final audit reads each couple the kit may pause. A read a fault met is sent again (it changes nothing); one
    /// refused every time (a 403: the account may have been locked out) leaves the couple's state unknown, which is no
    /// couple left changed: the run ends with exit 5 and says which couple to check, never "NOT conformant".
    /// </summary>
    [Theory]
    [InlineData(503, 2, false)]
    [InlineData(403, int.MaxValue, true)]
    public async Task The_final_audit_reads_again_after_a_fault_and_calls_a_couple_it_cannot_read_unchecked_not_changed(int status, int times, bool unread)
    {
        // Arrange: once the run is over, the recorder answers the couple's details with the status, that many times
        var auditing = false;
        var refused = 0;
        await using var inner = new InProcessTarget((_, handler) => new Support.Rewriting(async (request, send) =>
            auditing && Support.AccessDeviants.IsDetails(request) && Interlocked.Increment(ref refused) <= times
                ? new HttpResponseMessage((System.Net.HttpStatusCode)status) { Content = new StringContent("no") }
                : await send(request)) { InnerHandler = handler });
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [.. couples.Select(c => c.Id)], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var result = await new ConformanceKit(recorder, KitProfile.Default, TextWriter.Null) { Seed = 3, Runs = 3, MaxRuns = 3, Real = real }.RunAsync(TestContext.Current.CancellationToken);
        auditing = true;

        // Act
        var audit = await real.AuditAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var verdict = result with { AuditProblems = audit.Changed, AuditUnchecked = audit.Unchecked };

        // Assert
        audit.Changed.ShouldBeEmpty($"an answer of {status} proves no couple left changed");
        audit.Unchecked.Count.ShouldBe(unread ? 1 : 0, string.Join("; ", audit.Unchecked));
        verdict.ExitCode(requireAllChecked: false).ShouldBe(unread ? KitResult.ExitFaulted : result.ExitCode(requireAllChecked: false), verdict.Verdict);
        verdict.Verdict.ShouldNotStartWith("NOT conformant", Case.Sensitive, verdict.Verdict);
    }

    /// <summary>
    /// PSE-2, PSE-3 (inferred): the kit's own pause, sent where a lenient recorder does not look, resumed a couple an agent
    /// had on hold. The profile said the pause was read as one; the clean-up must still take the change for the kit's own
    /// doing and put the hold back, never leave it undone as someone else's.
    /// </summary>
    [Fact]
    public async Task A_hold_the_kits_own_pause_undid_on_a_lenient_recorder_is_put_back()
    {
        // Arrange: a recorder that reads paused from the query only, the Java way; an agent holds 24197 before the run
        await using var simulator = await StandaloneSimulator.StartAsync("--no-control", "--profile", "jaxrs-lenient", "--set", "pausedLocation=query");
        var target = await HttpTarget.ConnectAsync(simulator.Address, controlToken: null, TestContext.Current.CancellationToken);
        using var agentHttp = target.CreateClient();
        var agent = await LoggedInAsync(agentHttp);
        (await agent.SendAsync(0, HttpMethod.Post, "callrec/restful/couples.xml/24197/pausedState?paused=true", string.Empty, cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);
        var real = await RealWorld.ObserveAsync(target, Accounts, [24197], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = target.CreateClient();
        var kit = await LoggedInAsync(http);
        var pause = await kit.SendAsync(0, HttpMethod.Put, "callrec/restful/couples.xml/24197/pausedState", "paused=true", cancellationToken: TestContext.Current.CancellationToken);
        var undone = !await PausedAsync(target, 24197);

        // Act
        await real.CleanUpAsync(kit, new HashSet<long> { 24197 }, Settle, TestContext.Current.CancellationToken, KitProfile.Default);

        // Assert
        (pause.Status, undone).ShouldBe((204, true), "the recorder took the pause and, not seeing paused in the query, resumed");
        (await PausedAsync(target, 24197)).ShouldBeTrue("PSE-1: the agent's hold is put back");
        real.Notes.ShouldBeEmpty("the kit's own request changed the couple, not someone else");
    }

    /// <summary>
    /// PSE-1: the kit's pause, sent in the body and the query alike, is read as a pause wherever a recorder looks (here a
    /// no-op: an agent had the call on hold). An agent who then takes the call off hold is someone else: the clean-up must
    /// not pause the live call again.
    /// </summary>
    [Fact]
    public async Task A_call_the_agent_took_off_hold_after_the_kits_no_op_pause_is_not_paused_again()
    {
        // Arrange
        await using var simulator = await StandaloneSimulator.StartAsync("--no-control");
        var target = await HttpTarget.ConnectAsync(simulator.Address, controlToken: null, TestContext.Current.CancellationToken);
        await SetPausedAsAnotherAgentAsync(target, 24197, true);
        var real = await RealWorld.ObserveAsync(target, Accounts, [24197], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = target.CreateClient();
        var kit = await LoggedInAsync(http);
        (await kit.SendAsync(0, HttpMethod.Post, "callrec/restful/couples.xml/24197/pausedState?paused=true", "paused=true", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);
        await SetPausedAsAnotherAgentAsync(target, 24197, false);

        // Act
        await real.CleanUpAsync(kit, new HashSet<long> { 24197 }, Settle, TestContext.Current.CancellationToken, KitProfile.Default);

        // Assert
        (await PausedAsync(target, 24197)).ShouldBeFalse("PSE-1: the agent took the call off hold; the clean-up must not pause it again");
        real.Notes.ShouldHaveSingleItem().ShouldContain("which the kit never asked for");
    }

    /// <summary>
    /// PSE-3 (inferred): a put-back sent under a guessed profile (a diagnosis tries values) that the recorder refuses with
    /// 400 is sent again where the recorder may read it; it never counts as done and leaves the kit's own pause in place.
    /// </summary>
    [Fact]
    public async Task A_put_back_refused_where_a_guessed_profile_sent_it_is_sent_again_elsewhere()
    {
        // Arrange: a strict recorder that reads paused from the query only; the kit paused 24197; the guess says the
        // recorder joins two values and reads the form body, so the put-back goes in the body alone first
        await using var simulator = await StandaloneSimulator.StartAsync("--no-control", "--set", "pausedLocation=query");
        var target = await HttpTarget.ConnectAsync(simulator.Address, controlToken: null, TestContext.Current.CancellationToken);
        var real = await RealWorld.ObserveAsync(target, Accounts, [24197], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = target.CreateClient();
        var kit = await LoggedInAsync(http);
        (await kit.SendAsync(0, HttpMethod.Post, "callrec/restful/couples.xml/24197/pausedState?paused=true", string.Empty, cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);
        var guess = KitProfile.Default.With(ProfileSettings.RepeatedPaused, "joined").Profile!.With(ProfileSettings.PausedLocation, "form").Profile!;

        // Act
        await real.CleanUpAsync(kit, new HashSet<long> { 24197 }, Settle, TestContext.Current.CancellationToken, guess);

        // Assert
        (await PausedAsync(target, 24197)).ShouldBeFalse("PSE-1: the couple the kit paused is recording again, as it was found");
    }

    /// <summary>
    /// PSE-1, PSE-3 (inferred): a put-back answered 204 proves nothing on a lenient recorder: sent where it does not look
    /// (here the query alone, first under a guessed profile that joins repeated values, or in the body and the query alike
    /// to one that joins them into "true,true"), a pause is read as a resume, which changes nothing on the couple the
    /// scenario resumed. The hold must show again in the details, or the put-back goes on to the next place.
    /// </summary>
    [Theory]
    [InlineData("form", "first", true)]
    [InlineData("form-and-query", "joined", false)]
    public async Task An_agents_hold_the_kit_resumed_is_put_back_where_the_recorder_reads_it_though_the_first_place_tried_answered_204(
        string pausedLocation, string repeatedPaused, bool guessJoined)
    {
        // Arrange: a lenient recorder; an agent holds 24197 before the run; a scenario of the kit resumes it
        await using var simulator = await StandaloneSimulator.StartAsync(
            "--no-control", "--profile", "jaxrs-lenient", "--set", $"pausedLocation={pausedLocation}", "--set", $"repeatedPaused={repeatedPaused}");
        var target = await HttpTarget.ConnectAsync(simulator.Address, controlToken: null, TestContext.Current.CancellationToken);
        await SetPausedAsAnotherAgentAsync(target, 24197, true);
        var real = await RealWorld.ObserveAsync(target, Accounts, [24197], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = target.CreateClient();
        var kit = await LoggedInAsync(http);
        (await kit.SendAsync(0, HttpMethod.Post, "callrec/restful/couples.xml/24197/pausedState", "paused=false", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);
        (await PausedAsync(target, 24197)).ShouldBeFalse("the scenario resumed the agent's hold");
        var profile = guessJoined ? KitProfile.Default.With(ProfileSettings.RepeatedPaused, "joined").Profile! : KitProfile.Default;

        // Act: a short --settle, as the place first tried is waited for up to fifteen times it before the next one
        var settle = TimeSpan.FromMilliseconds(200);
        await real.CleanUpAsync(kit, new HashSet<long> { 24197 }, settle, TestContext.Current.CancellationToken, profile);
        var audit = await real.AuditAsync(settle, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Assert
        (await PausedAsync(target, 24197)).ShouldBeTrue("PSE-1: the agent's hold is back");
        audit.Changed.ShouldBeEmpty(string.Join("; ", audit.Changed));
        audit.Unchecked.ShouldBeEmpty(string.Join("; ", audit.Unchecked));
    }

    [Fact]
    public async Task A_couple_an_agent_paused_while_the_kits_own_pause_was_refused_is_left_as_the_agent_set_it()
    {
        // Arrange: the kit's pause of couple 24197 was refused (a user without the right), then an agent put the call on hold
        await using var simulator = await StandaloneSimulator.StartAsync("--no-control");
        var target = await HttpTarget.ConnectAsync(simulator.Address, controlToken: null, TestContext.Current.CancellationToken);
        var real = await RealWorld.ObserveAsync(target, Accounts, [24197], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = target.CreateClient();
        var kit = new PauseResume.Conformance.Wire.Wire(http, TimeSpan.Zero, TimeProvider.System);
        await kit.LoginAsync(0, Accounts[2], TestContext.Current.CancellationToken);
        var refused = await kit.SendAsync(0, HttpMethod.Post, "callrec/restful/couples.xml/24197/pausedState", "paused=true", cancellationToken: TestContext.Current.CancellationToken);
        await SetPausedAsAnotherAgentAsync(target, 24197, true);

        // Act
        await real.CleanUpAsync(kit, new HashSet<long> { 24197 }, Settle, TestContext.Current.CancellationToken);

        // Assert
        refused.Status.ShouldBe(403, "PSE-4: guest may not pause");
        (await PausedAsync(target, 24197)).ShouldBeTrue("PSE-1: a refused pause changed nothing, so the hold is the agent's, and the clean-up must not undo it");
        real.Notes.ShouldHaveSingleItem().ShouldContain("which the kit never asked for");
    }

    [Fact]
    public async Task SES_4_A_recorder_whose_session_cookie_has_another_name_is_said_to_be_one_the_kit_cannot_follow()
    {
        // Arrange: the recorder names its session cookie SID (JSESSIONID is SES-4's inference)
        await using var inner = new InProcessTarget((_, handler) => new Support.Rewriting(async (request, send) =>
        {
            if (request.Headers.TryGetValues("Cookie", out var sent))
            {
                var cookie = string.Join("; ", sent).Replace("SID=", "JSESSIONID=", StringComparison.Ordinal);
                request.Headers.Remove("Cookie");
                request.Headers.TryAddWithoutValidation("Cookie", cookie);
            }

            var response = await send(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                var renamed = set.Select(c => c.Replace("JSESSIONID=", "SID=", StringComparison.Ordinal)).ToList();
                response.Headers.Remove("Set-Cookie");
                response.Headers.TryAddWithoutValidation("Set-Cookie", renamed);
            }

            return response;
        }) { InnerHandler = handler });
        await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var refused = await Should.ThrowAsync<TargetException>(() => RealWorld.ObserveAsync(new ObservedTarget(inner), Accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken));

        // Assert
        refused.Message.ShouldContain("set no JSESSIONID cookie (cookies set: SID)", Case.Sensitive, "SES-4: the cause, not the account, is named");
    }

    [Fact]
    public async Task A_couple_in_a_state_the_kit_asked_for_is_put_back_as_it_was_found()
    {
        // Arrange: the kit paused couple 24197 in a scenario
        await using var simulator = await StandaloneSimulator.StartAsync("--no-control");
        var target = await HttpTarget.ConnectAsync(simulator.Address, controlToken: null, TestContext.Current.CancellationToken);
        var real = await RealWorld.ObserveAsync(target, Accounts, [24197], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = target.CreateClient();
        var kit = await LoggedInAsync(http);
        await kit.SendAsync(0, HttpMethod.Put, "callrec/restful/couples.xml/24197/pausedState", "paused=true", cancellationToken: TestContext.Current.CancellationToken);

        // Act
        await real.CleanUpAsync(kit, new HashSet<long> { 24197 }, Settle, TestContext.Current.CancellationToken);

        // Assert
        (await PausedAsync(target, 24197)).ShouldBeFalse("PSE-1: the kit's own pause is put back");
        real.Notes.ShouldBeEmpty();
    }

    /// <summary>
    /// PSE-1: details that lag hide an agent's hold for as long as they lag, and show the kit's own pause for as long. A
    /// couple the kit paused and then resumed is as it was found by the kit's own doing, whatever its details show: the
    /// clean-up sends it nothing (a put-back resume could only end a hold put on since they last showed, a card payment
    /// recorded), and a paused read of the kit's own pause shown late is waited for, not taken for someone else's hold.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_couple_the_kit_paused_and_resumed_is_sent_nothing_by_the_clean_up_where_details_lag(bool heldSince)
    {
        // Arrange: details a second behind; the kit paused and resumed a recording couple, and then an agent put it on hold
        // (the details still show it recording), or the kit's pause showed before its resume (they still show it paused)
        await using var inner = new InProcessTarget(LaggingDetails.LaggingBy(TimeSpan.FromSeconds(1)));
        var id = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken)).Single().Id;
        var real = await RealWorld.ObserveAsync(new ObservedTarget(inner), Accounts, [id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = inner.CreateClient();
        var kit = await LoggedInAsync(http);
        var pausedState = $"callrec/restful/couples.xml/{id}/pausedState";
        (await kit.SendAsync(0, HttpMethod.Post, pausedState, "paused=true", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);
        await Task.Delay(heldSince ? TimeSpan.Zero : TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken);
        (await kit.SendAsync(0, HttpMethod.Post, pausedState, "paused=false", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);
        if (heldSince)
        {
            await SetPausedAsAnotherAgentAsync(inner, id, true);
        }

        var before = kit.Sent.Count;

        // Act
        await real.CleanUpAsync(kit, new HashSet<long> { id }, Settle, TestContext.Current.CancellationToken, KitProfile.Default);

        // Assert
        kit.Sent.Skip(before).Where(e => e.PathAndQuery.Contains("pausedState", StringComparison.Ordinal)).ShouldBeEmpty("the kit's own requests left the couple recording: nothing to put back");
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).Single(c => c.Id == id).Paused
            .ShouldBe(heldSince, heldSince ? "PSE-1: the agent's hold stays" : "PSE-1: recording, as the kit's resume left it");
        real.Notes.ShouldBeEmpty("no read showed a state the kit's requests did not explain");
    }

    [Fact]
    public async Task A_pause_whose_answer_was_cut_is_still_the_kits_own_and_is_put_back()
    {
        // Arrange: the recorder takes every change of couple 24197 and then cuts the connection before answering; the kit
        // first asked for "recording" (answered: nothing to change), then for "paused" (taken, answer cut)
        await using var simulator = await StandaloneSimulator.StartAsync("--no-control", "--fault", "abort,name=cut,path=/callrec/restful/couples.xml/24197/pausedState,rule=PSE-1");
        var target = await HttpTarget.ConnectAsync(simulator.Address, controlToken: null, TestContext.Current.CancellationToken);
        var real = await RealWorld.ObserveAsync(target, Accounts, [24197], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = target.CreateClient();
        var kit = await LoggedInAsync(http);
        (await kit.SendAsync(0, HttpMethod.Post, "callrec/restful/couples.xml/24197/pausedState", "paused=false", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);
        await Should.ThrowAsync<PauseResume.Conformance.Wire.StepFaultException>(
            kit.SendAsync(0, HttpMethod.Post, "callrec/restful/couples.xml/24197/pausedState", "paused=true", cancellationToken: TestContext.Current.CancellationToken));

        // Act
        await real.CleanUpAsync(kit, new HashSet<long> { 24197 }, Settle, TestContext.Current.CancellationToken);

        // Assert
        real.Notes.ShouldBeEmpty("PSE-1: the pause the kit sent took effect though its answer was cut: the kit's own, not someone else's");
        (await PausedAsync(target, 24197)).ShouldBeFalse("PSE-1: put back as found (the restore took effect too, though its answer was cut as well)");
    }

    [Fact]
    public async Task Each_scenario_starts_from_the_state_an_allowed_couple_is_in_now_not_the_one_it_was_found_in()
    {
        // Arrange: an agent paused couple 24197 after the kit observed the recorder
        await using var simulator = await StandaloneSimulator.StartAsync("--no-control");
        var target = await HttpTarget.ConnectAsync(simulator.Address, controlToken: null, TestContext.Current.CancellationToken);
        var real = await RealWorld.ObserveAsync(target, Accounts, [24197], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        await SetPausedAsAnotherAgentAsync(target, 24197, true);

        // Act
        var couples = await real.CouplesNowAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        // Assert
        real.Couples.Single(c => c.Id == 24197).Paused.ShouldBeFalse("as the kit found it");
        couples.Single(c => c.Id == 24197).Paused.ShouldBeTrue("PSE-1: as it is now, which the scenario starts from");
        couples.Single(c => c.Id == 24198).Paused.ShouldBeFalse("a couple the kit may not pause is not read again");
    }

    [Fact]
    public async Task A_hold_the_kits_own_pause_resumed_on_a_lenient_recorder_that_does_not_read_a_PUT_body_is_put_back()
    {
        // Arrange: a recorder that reads paused from a POST's body and the query only, and a missing one as false (both
        // inferred choices); an agent holds couple 24197 before the scenario; the kit's PUT with paused=true in the body
        // is taken as a resume
        await using var simulator = await StandaloneSimulator.StartAsync("--no-control", "--set", "pausedParameter=jaxrs-lenient", "--set", "pausedLocation=post-form-and-query");
        var target = await HttpTarget.ConnectAsync(simulator.Address, controlToken: null, TestContext.Current.CancellationToken);
        await SetPausedAsAnotherAgentAsync(target, 24197, true);
        var real = await RealWorld.ObserveAsync(target, Accounts, [24197], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = target.CreateClient();
        var kit = await LoggedInAsync(http);
        (await kit.SendAsync(0, HttpMethod.Put, "callrec/restful/couples.xml/24197/pausedState", "paused=true", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);
        (await PausedAsync(target, 24197)).ShouldBeFalse("the PUT's body is not read, and a missing paused is false: the kit's pause resumed the hold");
        var learned = KitProfile.Default.With(ProfileSettings.PausedParameter, "jaxrs-lenient").Profile!.With(ProfileSettings.PausedLocation, "post-form-and-query").Profile!;

        // Act
        await real.CleanUpAsync(kit, new HashSet<long> { 24197 }, Settle, TestContext.Current.CancellationToken, learned);

        // Assert
        (await PausedAsync(target, 24197)).ShouldBeTrue("PSE-1: the clean-up puts back the hold the kit's own request undid");
        real.Notes.ShouldBeEmpty("the resume was the kit's doing, not someone else's");
    }

    private static async Task SetPausedAsAnotherAgentAsync(ITarget target, long id, bool paused)
    {
        using var http = target.CreateClient();
        var agent = await LoggedInAsync(http);
        var answer = await agent.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{id}/pausedState", $"paused={(paused ? "true" : "false")}", cancellationToken: TestContext.Current.CancellationToken);
        answer.Status.ShouldBe(204);
    }

    private static async Task<bool> PausedAsync(ITarget target, long id)
    {
        using var http = target.CreateClient();
        var reader = await LoggedInAsync(http);
        var details = await reader.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: TestContext.Current.CancellationToken);
        return PauseResume.Conformance.Wire.Documents.Of(details.Body)!.Paused == "true";
    }

    /// <summary>A client of the recorder logged in as admin on slot 0, as the kit or an agent is.</summary>
    private static async Task<PauseResume.Conformance.Wire.Wire> LoggedInAsync(HttpClient http)
    {
        var wire = new PauseResume.Conformance.Wire.Wire(http, TimeSpan.Zero, TimeProvider.System);
        await wire.LoginAsync(0, Accounts[0], TestContext.Current.CancellationToken);
        return wire;
    }

    /// <summary>
    /// A clean-up that put nothing back has the pauser logged in already: it reads the couples the kit may pause there, and
    /// a scenario that starts at once starts from that read instead of logging in to read them again (a login, a read of
    /// each couple and a logout fewer of about ten requests a replay on a real recorder). One that starts later reads them again.
    /// </summary>
    [Fact]
    public async Task A_scenario_right_after_a_clean_up_starts_from_the_couples_it_read_and_one_later_reads_them_again()
    {
        // Arrange: two couples the kit may pause, a clock the test moves, every request counted
        var requests = 0;
        await using var inner = new InProcessTarget((_, handler) => new Support.Rewriting((request, send) =>
        {
            Interlocked.Increment(ref requests);
            return send(request);
        }) { InnerHandler = handler });
        var ids = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22")]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var time = new SteppedClock();
        var real = await RealWorld.ObserveAsync(new ObservedTarget(inner), Accounts, ids, allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken, time);
        var runner = new ScenarioRunner(new ObservedTarget(inner), TimeSpan.Zero, real) { Settle = TimeSpan.Zero };
        // a pause and a resume: the clean-up finds the couple as found and puts nothing back (after a put-back it reads
        // nothing, as details that lag would show the couple as it was before)
        var scenario = new Scenario(real.World, [new Commands.LoginCommand(0, 0, Commands.PasswordKind.Right, WithCookie: true), new Commands.SetPausedCommand(0, new Commands.CoupleRef(0), false, Commands.PausedValue.True, false), new Commands.SetPausedCommand(0, new Commands.CoupleRef(0), false, Commands.PausedValue.False, false)]);
        (await runner.RunAsync(scenario, KitProfile.Default, null, null, TestContext.Current.CancellationToken)).Failed.ShouldBeFalse();

        // Act
        var before = Volatile.Read(ref requests);
        var atOnce = await runner.RunAsync(scenario, KitProfile.Default, null, null, TestContext.Current.CancellationToken);
        var sentAtOnce = Volatile.Read(ref requests) - before;
        time.Advance(TimeSpan.FromSeconds(5));
        before = Volatile.Read(ref requests);
        var later = await runner.RunAsync(scenario, KitProfile.Default, null, null, TestContext.Current.CancellationToken);
        var sentLater = Volatile.Read(ref requests) - before;

        // Assert
        atOnce.Failed.ShouldBeFalse(string.Join("\n", atOnce.Trace));
        later.Failed.ShouldBeFalse(string.Join("\n", later.Trace));
        (sentLater - sentAtOnce).ShouldBe(2 + ids.Count, "a login, a read of each couple the kit may pause and a logout");
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).ShouldAllBe(c => !c.Paused);
    }

    /// <summary>
    /// The clean-up's read is only for a scenario that follows at once: after the last scenario it changes nothing the final
    /// audit sees. Taken as "changed between scenarios" there, a couple someone else paused during the last scenario was a
    /// note, where the audit names it as left changed.
    /// </summary>
    [Fact]
    public async Task A_couple_someone_else_paused_during_the_last_scenario_is_named_by_the_audit_whatever_the_clean_up_read()
    {
        // Arrange: two couples the kit may pause; during the second scenario someone else pauses the couple it leaves alone
        long? other = null;
        await using var inner = new InProcessTarget((_, handler) => new Support.Rewriting(async (request, send) =>
        {
            if (other is { } id && Support.Rewriting.IsPausedState(request) && request.Method == HttpMethod.Post)
            {
                other = null;
                var pausedState = new Uri(request.RequestUri!, $"/callrec/restful/couples.xml/{id}/pausedState");
                using var login = new HttpRequestMessage(HttpMethod.Post, new Uri(pausedState, "/callrec/loginAction.do")) { Content = new FormUrlEncodedContent([new("login", "admin"), new("password", "admin")]) };
                login.Headers.Add("Cookie", "agent=1");
                using var loggedIn = await send(login);
                using var pause = new HttpRequestMessage(HttpMethod.Post, pausedState) { Content = new FormUrlEncodedContent([new("paused", "true")]) };
                pause.Headers.Add("Cookie", loggedIn.Headers.GetValues("Set-Cookie").First().Split(';')[0]);
                (await send(pause)).StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent);
            }

            return await send(request);
        }) { InnerHandler = handler });
        var ids = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22")]), TestContext.Current.CancellationToken)).Select(c => c.Id).ToList();
        var real = await RealWorld.ObserveAsync(new ObservedTarget(inner), Accounts, ids, allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var runner = new ScenarioRunner(new ObservedTarget(inner), TimeSpan.Zero, real) { Settle = TimeSpan.Zero };
        var scenario = new Scenario(real.World, [new Commands.LoginCommand(0, 0, Commands.PasswordKind.Right, WithCookie: true), new Commands.SetPausedCommand(0, new Commands.CoupleRef(0), false, Commands.PausedValue.True, false), new Commands.SetPausedCommand(0, new Commands.CoupleRef(0), false, Commands.PausedValue.False, false)]);
        var first = await runner.RunAsync(scenario, KitProfile.Default, null, null, TestContext.Current.CancellationToken);
        var touched = first.Transcript.First(e => e.PathAndQuery.EndsWith("/pausedState", StringComparison.Ordinal)).PathAndQuery;
        var untouched = ids.First(id => !touched.Contains($"/{id}/", StringComparison.Ordinal));
        other = untouched;

        // Act: the last scenario, then the final audit
        (await runner.RunAsync(scenario, KitProfile.Default, null, null, TestContext.Current.CancellationToken)).Failed.ShouldBeFalse();
        var audit = await real.AuditAsync(TimeSpan.Zero, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Assert
        other.ShouldBeNull("someone else paused the couple during the last scenario");
        audit.Changed.ShouldHaveSingleItem(string.Join("\n", real.Notes)).ShouldContain($"couple {untouched} was found recording but is now paused=true");
    }
}
