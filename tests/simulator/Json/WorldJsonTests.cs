using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Tests.Json;

public sealed class WorldJsonTests
{
    [Fact]
    public void A_world_file_gives_its_users_calls_and_profile()
    {
        const string Json = """
            {
              "seed": 3,
              "profile": { "name": "jaxrs-lenient", "sessionIdleTimeout": "10" },
              "users": [ { "login": "ann", "password": "pw", "permissions": ["CallList"], "phoneMasks": ["7*"] } ],
              "calls": [ { "callingNumber": "701", "calledNumber": "5550100", "callingIp": "10.1.1.1", "direction": "OUTGOING", "coupleType": "BARGE" } ]
            }
            """;

        var world = WorldJson.Read(Json, "test.json");

        world.Error.ShouldBeNull();
        world.Value!.Seed.ShouldBe(3);
        world.Value.Profile.PausedParameter.ShouldBe(PausedParameterReading.JaxRsLenient);
        world.Value.Profile.SessionIdleTimeout.ShouldBe(TimeSpan.FromMinutes(10));
        world.Value.Users.ShouldHaveSingleItem().ShouldBeEquivalentTo(new User("ann", "pw", Permissions.CallList, "7*"));
        world.Value.Calls.ShouldHaveSingleItem().ShouldBe(new NewCall("701", "5550100", "10.1.1.1", null, Direction.Outgoing, CoupleType.Barge));
    }

    [Theory]
    [InlineData("", "not a valid world file")]
    [InlineData("{\"users\":[{\"login\":\"a\"}]}", "users[0].password: required")]
    [InlineData("{\"calls\":[{\"callingNumber\":\"1\",\"calledNumber\":\"2\",\"direction\":\"UP\"}]}", "calls[0].direction")]
    [InlineData("{\"profile\":\"turbo\"}", "unknown profile 'turbo'")]
    [InlineData("{\"usres\":[]}", "not a valid world file")]
    [InlineData("{\"users\":[{\"login\":\"a\",\"password\":\"1\"},{\"login\":\"a\",\"password\":\"2\"}]}", "users[1].login: 'a' is already the login of users[0]")]
    [InlineData("{\"users\":[{\"login\":\"a\",\"password\":\"1\",\"phoneMasks\":[\"[abc\"]}]}", "users[0].phoneMasks[0]")]
    [InlineData("{\"users\":[{\"login\":\"a\",\"password\":\"1\",\"phoneMasks\":[\"10 01\"]}]}", "users[0].phoneMasks[0]")]
    [InlineData("{\"users\":[{\"login\":\"a\",\"password\":\"1\",\"phoneMasks\":[\"1\",\"\\u0000\"]}]}", "users[0].phoneMasks[1]")]
    [InlineData("{\"calls\":[{\"callingNumber\":\"1\\u0000\",\"calledNumber\":\"2\"}]}", "calls[0].callingNumber")]
    [InlineData("{\"calls\":[{\"callingNumber\":\"1\",\"calledNumber\":\"2\",\"direction\":\"incoming,outgoing\"}]}", "calls[0].direction")]
    [InlineData("{\"calls\":[{\"callingNumber\":\"1\",\"calledNumber\":\"2\",\"callId\":9223372036854775807},{\"callingNumber\":\"1\",\"calledNumber\":\"2\"}]}", "calls[1]: no couple id or call id is left")]
    public void A_bad_world_file_names_the_place_of_the_mistake(string json, string message)
    {
        var world = WorldJson.Read(json, "w.json");

        world.Value.ShouldBeNull();
        world.Error!.ShouldStartWith("w.json");
        world.Error.ShouldContain(message);
    }
}
