using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Worlds;

namespace PauseResume.Simulator.Tests.Worlds;

public sealed class DefaultWorldTests
{
    [Fact]
    public void The_same_seed_and_clock_give_the_same_world_and_another_seed_another()
    {
        var first = DefaultWorld.Create(FakeRecorder.Epoch, 7);
        var second = DefaultWorld.Create(FakeRecorder.Epoch, 7);
        var other = DefaultWorld.Create(FakeRecorder.Epoch, 8);

        second.Calls.ShouldBe(first.Calls);
        other.Calls.ShouldNotBe(first.Calls);
    }

    [Fact]
    public void The_accounts_cover_every_branch_of_the_access_rules()
    {
        var world = DefaultWorld.Create(FakeRecorder.Epoch);
        var recorder = new Recorder(world, TimeProvider.System);
        var couples = recorder.Couples().Select(c => c.Couple).ToList();
        var users = world.Users;

        users.ShouldContain(u => !u.MayList, "no Call List");
        users.ShouldContain(u => u.MayList && !u.Permissions.HasFlag(Permissions.PauseAndResumeCalls) && u.PhoneMasks.Count == 0, "list only");
        users.ShouldContain(u => u.MayList && u.PhoneMasks.Count > 0, "list with phone masks");
        users.ShouldContain(u => u.PhoneMasks.Count == 0 && couples.All(u.MayPause), "full rights");
        users.Where(u => u.PhoneMasks.Count > 0).ShouldAllBe(
            u => couples.Any(u.MaySeeDetails) && couples.Any(c => !u.MaySeeDetails(c)), "each masked user sees some calls and not others");
    }

    [Fact]
    public void The_calls_in_progress_are_realistic_and_include_a_call_of_two_couples()
    {
        var calls = DefaultWorld.Create(FakeRecorder.Epoch).Calls;

        calls.Count.ShouldBeGreaterThanOrEqualTo(5);
        calls.ShouldAllBe(c => c.Start < FakeRecorder.Epoch && c.CallingIp != null && c.CalledIp != null);
        calls.Select(c => c.Direction).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
        calls.Where(c => c.CallId != null).GroupBy(c => c.CallId).ShouldContain(g => g.Count() >= 2, "a conference");
    }
}
