using System.Net;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Domain;

public sealed class CoupleIdsTests
{
    [Fact]
    public async Task A_call_id_near_the_top_then_calls_without_one_end_in_a_refusal_never_a_negative_id()
    {
        // Issue 8: callId 2^63-2, then two calls without one, handed out callId -9223372036854775808.
        await using var recorder = await FakeRecorder.StartAsync(World.Empty, TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();

        var high = await Control.PostAsync(http, "/simulator/calls", $$"""{"callingNumber":"1","calledNumber":"2","callId":{{long.MaxValue - 1}}}""");
        var last = await Control.PostAsync(http, "/simulator/calls", """{"callingNumber":"3","calledNumber":"4"}""");
        var before = StateProbe.Of(recorder.Recorder);
        var refused = await Control.PostAsync(http, "/simulator/calls", """{"callingNumber":"5","calledNumber":"6"}""");
        var afterRefusal = StateProbe.Of(recorder.Recorder);
        var joining = await Control.PostAsync(http, "/simulator/calls", $$"""{"callingNumber":"7","calledNumber":"8","callId":{{long.MaxValue}}}""");

        high.StatusCode.ShouldBe(HttpStatusCode.Created);
        ((long)(await Control.JsonAsync(last))["callId"]!).ShouldBe(long.MaxValue, "the last id there is");
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict, "no call id is left and ids never wrap");
        (await refused.Content.ReadAsStringAsync()).ShouldContain("no couple id or call id is left");
        joining.StatusCode.ShouldBe(HttpStatusCode.Created, "a couple may still join a call by its id");
        recorder.Recorder.Couples().ShouldAllBe(c => c.Couple.CallId > 0 && c.Couple.Id > 0);
        afterRefusal.ShouldBe(before, "the refused call changed nothing");
    }

    [Fact]
    public void Couple_ids_stop_at_the_top_and_a_refused_call_changes_nothing()
    {
        var recorder = new Recorder(World.Empty with { FirstCoupleId = long.MaxValue }, TimeProvider.System);

        var first = recorder.TryStartCall(new NewCall("1", "2"));
        var second = recorder.TryStartCall(new NewCall("3", "4", CallId: 7));

        first!.Id.ShouldBe(long.MaxValue);
        second.ShouldBeNull("no couple id is left");
        recorder.Couples().ShouldHaveSingleItem();
        Should.Throw<InvalidOperationException>(() => recorder.StartCall(new NewCall("3", "4")));
    }

    [Fact]
    public void A_world_that_needs_more_ids_than_are_left_is_refused_before_anything_changes()
    {
        var world = World.Empty with { Calls = [new NewCall("1", "2", CallId: long.MaxValue), new NewCall("3", "4")] };
        var recorder = new Recorder(TestWorlds.Small(), TimeProvider.System);

        world.Problem().ShouldBe($"calls[1]: no couple id or call id is left for it (ids stop at {long.MaxValue})");
        Should.Throw<ArgumentException>(() => recorder.Reset(world));
        recorder.Couples().Count.ShouldBe(3, "the recorder kept its state");
        (World.Empty with { FirstCallId = 0 }).Problem().ShouldNotBeNull();
    }
}
