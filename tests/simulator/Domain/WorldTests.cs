using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Tests.Domain;

public sealed class WorldTests
{
    [Fact]
    public void A_world_with_two_users_of_one_login_is_refused_instead_of_the_last_one_winning()
    {
        var world = World.Empty with { Users = [new User("ann", "1", Permissions.CallList), new User("ann", "2", Permissions.None)] };

        world.Problem().ShouldBe("users[1].login: 'ann' is already the login of users[0]");
        Should.Throw<ArgumentException>(() => new Recorder(world, TimeProvider.System));
    }

    [Fact]
    public void Logins_that_differ_only_in_case_are_two_users()
    {
        // Logins compare ordinally everywhere else (SES-1), so "Ann" and "ann" are two accounts, not a duplicate.
        (World.Empty with { Users = [new User("ann", "1", Permissions.CallList), new User("Ann", "2", Permissions.CallList)] }).Problem().ShouldBeNull();
    }
}
