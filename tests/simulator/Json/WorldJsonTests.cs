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
    [InlineData("{\"profile\":{\"name\":\"jaxrs-lenient\"},\"Profile\":{\"name\":\"default\"}}", "'Profile' is given more than once")]
    [InlineData("{\"users\":[],\"users\":[]}", "'users' is given more than once")]
    [InlineData("{\"u\u017Fers\":[]}", "'u\u017Fers' is not a part of a world file")] // a long s is no s, whatever the invariant culture's upper case says
    [InlineData("{\"s\\u001Beed\":1}", "'s\\u001Beed' is not a part")] // a control character is written as its escape
    public void A_bad_world_file_names_the_place_of_the_mistake(string json, string message)
    {
        var world = WorldJson.Read(json, "w.json");

        world.Value.ShouldBeNull();
        world.Error!.ShouldStartWith("w.json");
        world.Error.ShouldContain(message);
    }

    [Fact]
    public void A_call_in_any_form_the_serializer_takes_reads_as_the_plain_form_does()
    {
        // Arrange: the plain form, then names in another case, a callId as a string, a start, an escaped number
        const string Json = """
            {"calls": [
              {"callingNumber": "5550100", "calledNumber": "10031", "callingIp": "10.0.0.5", "calledIp": "10.0.1.12", "direction": "INCOMING", "coupleType": "CONF", "callId": 7},
              {"CallingNumber": "5550100", "calledNumber": "10031", "callingIp": "10.0.0.5", "calledIp": "10.0.1.12", "direction": "incoming", "coupleType": "conf", "callId": "7"},
              {"callingNumber": "5550100", "calledNumber": "10031", "start": "2026-01-02T03:04:05+00:00"},
              {"callingNumber": "555\u0030100", "calledNumber": "10031", "callingIp": null}
            ]}
            """;

        // Act
        var world = WorldJson.Read(Json, "w.json");

        // Assert
        world.Error.ShouldBeNull();
        var expected = new NewCall("5550100", "10031", "10.0.0.5", "10.0.1.12", Direction.Incoming, CoupleType.Conf, 7);
        world.Value!.Calls.Count.ShouldBe(4);
        world.Value.Calls[0].ShouldBe(expected);
        world.Value.Calls[1].ShouldBe(expected, "names in any case and a number in a string, as the serializer reads them");
        world.Value.Calls[2].ShouldBe(new NewCall("5550100", "10031", Start: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)));
        world.Value.Calls[3].ShouldBe(new NewCall("5550100", "10031"));
    }

    [Fact]
    public void Numbers_and_IPs_repeated_across_calls_are_read_into_one_string()
    {
        // Arrange
        var calls = string.Join(",", Enumerable.Range(0, 100).Select(i => $"{{\"callingNumber\":\"555{i:D4}\",\"calledNumber\":\"10031\",\"callingIp\":\"192.0.2.1\"}}"));

        // Act
        var world = WorldJson.Read($"{{\"calls\":[{calls}]}}", "w.json").Value!;

        // Assert: a gateway's IP on a million calls is kept once, not a million times
        world.Calls.Select(c => c.CallingIp).Distinct(ReferenceEqualityComparer.Instance).ShouldHaveSingleItem();
        world.Calls.Select(c => c.CalledNumber).Distinct(ReferenceEqualityComparer.Instance).ShouldHaveSingleItem();
        world.Calls.Select(c => c.CallingNumber).Distinct().Count().ShouldBe(100);
    }

    [Fact]
    public void Escaped_numbers_read_as_their_text_and_repeated_ones_into_one_string()
    {
        // Arrange: a '+' written as \u002B, as many JSON writers escape it, on every call
        var calls = string.Join(",", Enumerable.Range(0, 50).Select(i => $"{{\"callingNumber\":\"\\u002B4202{i:D4}\",\"calledNumber\":\"\\u002B4210031\",\"calledIp\":\"192.0.2.\\u0031\"}}"));

        // Act
        var world = WorldJson.Read($"{{\"calls\":[{calls}]}}", "w.json").Value!;

        // Assert
        world.Calls[7].ShouldBe(new NewCall("+42020007", "+4210031", null, "192.0.2.1"));
        world.Calls.Select(c => c.CalledNumber).Distinct(ReferenceEqualityComparer.Instance).ShouldHaveSingleItem("an escaped value repeated is kept once too");
        world.Calls.Select(c => c.CalledIp).Distinct(ReferenceEqualityComparer.Instance).ShouldHaveSingleItem();
    }

    [Fact]
    public void A_value_escaped_beyond_what_a_call_may_hold_is_still_refused_by_its_length()
    {
        var escaped = string.Concat(Enumerable.Repeat("\\u0031", CallText.MaxLength + 1));

        var world = WorldJson.Read($"{{\"calls\":[{{\"callingNumber\":\"{escaped}\",\"calledNumber\":\"2\"}}]}}", "w.json");

        world.Error.ShouldBe($"w.json: calls[0].callingNumber: longer than {CallText.MaxLength} characters");
        var longest = WorldJson.Read($"{{\"calls\":[{{\"callingNumber\":\"{escaped[6..]}\",\"calledNumber\":\"2\"}}]}}", "w.json");
        longest.Value!.Calls.ShouldHaveSingleItem().CallingNumber.ShouldBe(new string('1', CallText.MaxLength), "the longest value, all of it escaped, is read whole");
    }

    [Fact]
    public void A_world_and_its_faults_read_at_once_are_those_read_apart()
    {
        // Arrange
        const string Json = """{"faults":[{"name":"upgrade","kind":"maintenance","durationSeconds":600}],"calls":[{"callingNumber":"1","calledNumber":"2"}]}""";
        var utf8 = System.Text.Encoding.UTF8.GetBytes(Json);

        // Act
        var (world, faults) = WorldReader.ReadWithFaults(utf8, "w.json");

        // Assert
        world.Value!.Calls.ShouldBe(WorldJson.Read(Json, "w.json").Value!.Calls);
        faults.Value!.Select(f => (f.Name, f.Kind)).ShouldBe(WorldJson.ReadFaults(Json, "w.json").Value!.Select(f => (f.Name, f.Kind)));
        faults.Value!.ShouldHaveSingleItem().Name.ShouldBe("upgrade");
    }

    [Theory]
    [InlineData("""{"faults":[{"name":"a","kind":"maintenance","durationSeconds":600},{"name":"a","kind":"maintenance","durationSeconds":60}]}""", "w.json: faults[1].name: a is taken by an earlier fault")]
    [InlineData("""{"faults":[{"name":"a","kind":"maintenance","durationSeconds":600}],"calls":[{"callingNumber":"1"}]}""", "w.json: calls[0].calledNumber: required")]
    public void Faults_read_with_the_world_name_the_first_mistake_as_each_read_apart(string json, string message)
    {
        var (world, faults) = WorldReader.ReadWithFaults(System.Text.Encoding.UTF8.GetBytes(json), "w.json");

        (world.Error ?? faults.Error).ShouldBe(message);
        (world.Error ?? WorldJson.ReadFaults(json, "w.json").Error).ShouldBe(message, "the world's mistake first, then the faults', as the host reads them");
    }

    [Theory]
    [InlineData("{\n  \"calls\": [\n    {\"callId\": 1,\n     \"x\": }\n  ]\n}\n", "calls[0]", 4)]
    [InlineData("{\n  \"seed\": 1,\n  \"users\": [ }\n", "users", 3)]
    public void A_world_file_with_a_JSON_mistake_says_on_which_line_counting_from_one(string json, string part, int line)
    {
        var world = WorldJson.Read(json, "w.json");

        world.Error.ShouldNotBeNull();
        world.Error.ShouldContain(part);
        world.Error.ShouldContain($"(line {line}, byte ", Case.Sensitive, "an editor counts lines from 1");
        world.Error.ShouldNotContain("LineNumber", Case.Sensitive, "the serializer's own 0-based position is not shown");
    }

    [Theory]
    [InlineData("{\"seed\":\"x\"}", "seed")]
    [InlineData("{\"users\":[{\"login\":\"a\",\"password\":\"1\",\"permissions\":[[]]}]}", "users")]
    [InlineData("{\"calls\":[{\"callingNumber\":\"1\",\"calledNumber\":\"2\",\"bogus\":1}]}", "calls[0]")]
    [InlineData("{\"calls\":[{\"callingNumber\":\"1\",\"calledNumber\":\"2\"},{\"callingNumber\":\"1\",\"calledNumber\":\"2\",\"callId\":[]}]}", "calls[1].callId")]
    [InlineData("{\"calls\":{}}", "calls")]
    [InlineData("{\"calls\":[]} {}", "not a valid world file")]
    [InlineData("[]", "not a valid world file")]
    public void A_world_file_that_is_not_valid_JSON_for_a_world_names_the_part(string json, string part)
    {
        var world = WorldJson.Read(json, "w.json");

        world.Value.ShouldBeNull();
        world.Error!.ShouldStartWith("w.json: not a valid world file");
        world.Error.ShouldContain(part);
    }

    [Fact]
    public void A_mistake_in_a_call_does_not_hide_a_broken_file_after_it()
    {
        var world = WorldJson.Read("""{"calls":[{"callingNumber":"","calledNumber":"2"},{"callingNumber":"1","calledNumber":"2"}], "users": 5}""", "w.json");

        world.Error.ShouldNotBeNull().ShouldStartWith("w.json: not a valid world file");
        world.Error.ShouldContain("users", customMessage: "the whole file is read before its calls are judged");
    }
}
