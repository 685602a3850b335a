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

    [Theory]
    [InlineData(DefaultWorld.DefaultSeed)]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(123456)]
    public void A_seed_gives_the_numbers_and_addresses_a_Bogus_Faker_of_that_seed_gave(int seed)
    {
        // Arrange: the draws the default world made when it was written with a whole Faker, in the order of its arguments.
        var faker = new Bogus.Faker { Random = new Bogus.Randomizer(seed) };
        var expected = new List<string>();
        foreach (var (external, minutes) in new[] { (0, 40), (0, 20), (1, 15), (-1, 10), (0, 8), (-1, 3), (0, 2) })
        {
            var numbers = external switch
            {
                0 => [faker.Phone.PhoneNumber("555####"), $"10.0.0.{faker.Random.Int(2, 20)}", $"10.0.1.{faker.Random.Int(21, 250)}"],
                1 => [faker.Phone.PhoneNumber("555####"), $"10.0.1.{faker.Random.Int(21, 250)}", $"10.0.0.{faker.Random.Int(2, 20)}"],
                _ => new[] { $"10.0.1.{faker.Random.Int(21, 250)}", $"10.0.1.{faker.Random.Int(21, 250)}" },
            };
            var start = faker.Random.Int(30, minutes * 60).ToString(System.Globalization.CultureInfo.InvariantCulture); // the last argument
            expected.Add(start + " " + string.Join(" ", numbers));
        }

        // Act
        var calls = DefaultWorld.Create(FakeRecorder.Epoch, seed).Calls;

        // Assert
        var wholeSecond = FakeRecorder.Epoch.AddTicks(-(FakeRecorder.Epoch.Ticks % TimeSpan.TicksPerSecond));
        var actual = calls.Select(c =>
        {
            var start = ((int)(wholeSecond - c.Start!.Value).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var external = c.CallingNumber.StartsWith("555", StringComparison.Ordinal) ? c.CallingNumber
                : c.CalledNumber.StartsWith("555", StringComparison.Ordinal) ? c.CalledNumber : null;
            return string.Join(" ", new[] { start, external, c.CallingIp, c.CalledIp }.OfType<string>());
        });
        actual.ShouldBe(expected, $"seed {seed} gives the world it gave before, call by call");
    }
}
