using System.Net;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Simulator.Tests.Domain;

public sealed class CoupleIdsTests
{
    [Fact]
    public async Task A_call_id_near_the_top_leaves_the_ids_below_it_to_calls_without_one_and_none_is_ever_negative()
    {
        // Issue 8: callId 2^63-2, then two calls without one, handed out callId -9223372036854775808; later a given id
        // near the top moved the sequence there, so one request used up every call id.
        await using var recorder = await FakeRecorder.StartAsync(World.Empty, TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();

        var high = await Control.PostAsync(http, "/simulator/calls", $$"""{"callingNumber":"1","calledNumber":"2","callId":{{long.MaxValue - 1}}}""");
        var next = await Control.PostAsync(http, "/simulator/calls", """{"callingNumber":"3","calledNumber":"4"}""");
        var after = await Control.PostAsync(http, "/simulator/calls", """{"callingNumber":"5","calledNumber":"6"}""");
        var joining = await Control.PostAsync(http, "/simulator/calls", $$"""{"callingNumber":"7","calledNumber":"8","callId":{{long.MaxValue}}}""");

        high.StatusCode.ShouldBe(HttpStatusCode.Created);
        ((long)(await Control.JsonAsync(next))["callId"]!).ShouldBe(World.DefaultFirstCallId, "the ids below the given one are still there");
        ((long)(await Control.JsonAsync(after))["callId"]!).ShouldBe(World.DefaultFirstCallId + 1);
        joining.StatusCode.ShouldBe(HttpStatusCode.Created, "a couple may join a call by its id");
        recorder.Recorder.Couples().ShouldAllBe(c => c.Couple.CallId > 0 && c.Couple.Id > 0);
    }

    [Fact]
    public void The_sequence_skips_a_call_id_given_ahead_of_it_and_stops_at_the_top_without_wrapping()
    {
        var recorder = new Recorder(World.Empty with { FirstCallId = 100 }, TimeProvider.System);
        recorder.StartCall(new NewCall("1", "2", CallId: 101));

        recorder.StartCall(new NewCall("3", "4")).CallId.ShouldBe(100);
        recorder.StartCall(new NewCall("5", "6")).CallId.ShouldBe(102, "101 was given: never handed out again");

        var top = new Recorder(World.Empty with { FirstCallId = long.MaxValue - 1 }, TimeProvider.System);
        top.StartCall(new NewCall("1", "2", CallId: long.MaxValue));
        top.TryStartCall(new NewCall("3", "4"))!.CallId.ShouldBe(long.MaxValue - 1);
        var before = StateProbe.Of(top);
        top.TryStartCall(new NewCall("5", "6")).ShouldBeNull("the last id was given, and ids never wrap");
        StateProbe.Of(top).ShouldBe(before, "the refused call changed nothing");
        top.TryStartCall(new NewCall("7", "8", CallId: long.MaxValue)).ShouldNotBeNull("a couple may still join a call by its id");
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
        var world = World.Empty with { FirstCallId = long.MaxValue, Calls = [new NewCall("1", "2"), new NewCall("3", "4")] };
        var recorder = new Recorder(TestWorlds.Small(), TimeProvider.System);

        world.Problem().ShouldBe($"calls[1]: no couple id or call id is left for it (ids stop at {long.MaxValue})");
        Should.Throw<ArgumentException>(() => recorder.Reset(world));
        recorder.Couples().Count.ShouldBe(3, "the recorder kept its state");
        (World.Empty with { FirstCallId = 0 }).Problem().ShouldNotBeNull();
    }
}
