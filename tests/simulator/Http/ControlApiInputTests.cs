using System.Net;
using System.Text;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>Input the control API refuses where it enters (issue 8), always with a message and never changing state.</summary>
public sealed class ControlApiInputTests
{
    [Theory]
    [InlineData("""{"callingNumber":"5551\u00011234","calledNumber":"10012"}""", "call.callingNumber")]
    [InlineData("""{"callingNumber":"5551234","calledNumber":"10012\u0000"}""", "call.calledNumber")]
    [InlineData("""{"callingNumber":"5551234","calledNumber":"10012","callingIp":"10.0.0.1\u001b"}""", "call.callingIp")]
    [InlineData("""{"callingNumber":"5551234","calledNumber":"10012","calledIp":"fe80::1%\u0001"}""", "call.calledIp")]
    [InlineData("""{"callingNumber":"5551234","calledNumber":"10012","direction":"incoming,outgoing"}""", "call.direction")]
    [InlineData("""{"callingNumber":"5551234","calledNumber":"10012","direction":"Incoming, Outgoing"}""", "call.direction")]
    [InlineData("""{"callingNumber":"5551234","calledNumber":"10012","direction":" INCOMING"}""", "call.direction")]
    [InlineData("""{"callingNumber":"5551234","calledNumber":"10012","direction":"2"}""", "call.direction")]
    [InlineData("""{"callingNumber":"5551234","calledNumber":"10012","coupleType":"CONF,BARGE"}""", "call.coupleType")]
    [InlineData("""{"callingNumber":"5551234","calledNumber":"10012","coupleType":"-1"}""", "call.coupleType")]
    public async Task A_call_with_a_control_character_or_a_loose_enum_is_400_naming_the_field(string json, string field)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var before = StateProbe.Of(recorder.Recorder);

        var response = await Control.PostAsync(recorder.CreateClient(), "/simulator/calls", json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, json);
        (await response.Content.ReadAsStringAsync()).ShouldStartWith(field);
        StateProbe.Of(recorder.Recorder).ShouldBe(before);
    }

    [Theory]
    [InlineData("""{"login":"x","password":"y","phoneMasks":["[abc"]}""", "user.phoneMasks[0]")]
    [InlineData("""{"login":"x","password":"y","phoneMasks":["1001?","10 01"]}""", "user.phoneMasks[1]")]
    [InlineData("""{"login":"x","password":"y","phoneMasks":["\u0000"]}""", "user.phoneMasks[0]")]
    [InlineData("""{"login":"x","password":"y","permissions":["CallList,PauseAndResumeCalls"]}""", "user.permissions")]
    [InlineData("""{"login":"x","password":"y","permissions":["3"]}""", "user.permissions")]
    [InlineData("""{"login":"ann\u001b[2J","password":"y"}""", "user.login")]
    [InlineData("""{"login":"ann\u0001","password":"y"}""", "user.login")]
    public async Task A_user_with_a_bad_mask_or_a_loose_permission_is_400_naming_the_field(string json, string field)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var before = StateProbe.Of(recorder.Recorder);

        var response = await Control.PostAsync(recorder.CreateClient(), "/simulator/users", json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, json);
        (await response.Content.ReadAsStringAsync()).ShouldStartWith(field);
        StateProbe.Of(recorder.Recorder).ShouldBe(before);
    }

    [Theory]
    [InlineData("login")]
    [InlineData("password")]
    public async Task A_login_or_password_longer_than_any_login_field_is_400_naming_it(string field)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var before = StateProbe.Of(recorder.Recorder);
        var huge = new string('x', 100_000);

        var response = await Control.PostAsync(recorder.CreateClient(), "/simulator/users", field == "login" ? $$"""{"login":"{{huge}}","password":"y"}""" : $$"""{"login":"ann","password":"{{huge}}"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var message = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        message.ShouldStartWith($"user.{field}: ");
        message.ShouldContain("100000 characters");
        message.Length.ShouldBeLessThan(300, "the refusal does not echo the text");
        StateProbe.Of(recorder.Recorder).ShouldBe(before);
    }

    [Fact]
    public async Task Past_the_most_users_a_new_login_is_409_and_a_known_one_is_still_replaced()
    {
        // Arrange: the recorder full
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        for (var i = recorder.Recorder.Users().Count; i < Simulator.Domain.Recorder.MaxUsers; i++)
        {
            recorder.Recorder.PutUser(new Simulator.Domain.User($"user{i}", "pw", Simulator.Domain.Permissions.CallList)).ShouldBe(false);
        }

        // Act
        var added = await Control.PostAsync(recorder.CreateClient(), "/simulator/users", """{"login":"one-more","password":"y"}""");
        var replaced = await Control.PostAsync(recorder.CreateClient(), "/simulator/users", """{"login":"user9999","password":"new"}""");

        // Assert
        added.StatusCode.ShouldBe(HttpStatusCode.Conflict, "GEN-3: every add copies the table");
        (await added.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("10000 users already");
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK);
        recorder.Recorder.Users().Count.ShouldBe(Simulator.Domain.Recorder.MaxUsers);
    }

    /// <summary>GEN-3 (the attack's F2): a client that starts calls without end is refused past the cap (1,000,000; 5 here), and an end makes room.</summary>
    [Fact]
    public async Task Past_the_most_couples_in_progress_a_new_call_is_409_and_an_end_makes_room()
    {
        // Arrange: the recorder full
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        recorder.Recorder.CallsStartedCap = 5;
        var client = recorder.CreateClient();
        for (var i = recorder.Recorder.Couples().Count; i < 5; i++)
        {
            (await Control.PostAsync(client, "/simulator/calls", """{"callingNumber":"1","calledNumber":"2"}""")).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        // Act
        var refused = await Control.PostAsync(client, "/simulator/calls", """{"callingNumber":"1","calledNumber":"2"}""");
        recorder.Recorder.EndCall(recorder.Recorder.Couples()[0].Couple.Id).ShouldBeTrue();
        var room = await Control.PostAsync(client, "/simulator/calls", """{"callingNumber":"1","calledNumber":"2"}""");

        // Assert
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("5 couples in progress already");
        room.StatusCode.ShouldBe(HttpStatusCode.Created);
        recorder.Recorder.Couples().Count.ShouldBe(5);
    }

    [Theory]
    [InlineData("POST", "/simulator/calls", """{"rate":5}""", "'rate' is not a field this request knows (it knows callingNumber, calledNumber")]
    [InlineData("PUT", "/simulator/traffic", """{"rate":5}""", "'rate' is not a field this request knows (it knows ")]
    [InlineData("POST", "/simulator/faults", """{"name":"x","kind":"abort","colour":"red"}""", "'colour' is not a field this request knows (it knows name, kind")]
    [InlineData("POST", "/simulator/users", "[1]", "the body is not the JSON object this request takes")]
    public async Task A_body_with_a_field_the_endpoint_does_not_know_is_400_naming_it_and_the_fields_it_knows(string method, string path, string json, string message)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var response = method == "PUT" ? await Control.PutAsync(recorder.CreateClient(), path, json) : await Control.PostAsync(recorder.CreateClient(), path, json);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, json);
        text.ShouldContain(message, Case.Sensitive, text);
        text.ShouldNotContain("Json", Case.Sensitive, "the simulator's .NET types are no name a client knows: " + text);
    }

    /// <summary>A field given twice is valid JSON, but the serializer would keep one of the two silently: which one the client meant, it cannot say.</summary>
    [Theory]
    [InlineData("/simulator/users", """{"login":"dup1","login":"dup2","password":"x"}""", "'login' is given more than once")]
    [InlineData("/simulator/calls", """{"callingNumber":"5551234","calledNumber":"10012","calledNumber":"10013"}""", "'calledNumber' is given more than once")]
    [InlineData("/simulator/reset", """{"users":[{"login":"a","login":"b","password":"x"}]}""", "users: 'login' is given more than once")]
    [InlineData("/simulator/faults", """{"name":"a","name":"b","kind":"abort"}""", "'name' is given more than once")]
    public async Task A_field_given_twice_is_400_naming_it_and_changes_nothing(string path, string json, string message)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var before = StateProbe.Of(recorder.Recorder);

        var response = await Control.PostAsync(recorder.CreateClient(), path, json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, json);
        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
        StateProbe.Of(recorder.Recorder).ShouldBe(before);
    }

    [Fact]
    public async Task A_reset_to_a_world_with_a_duplicate_login_is_400_and_changes_nothing()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var before = StateProbe.Of(recorder.Recorder);

        var response = await Control.PostAsync(recorder.CreateClient(), "/simulator/reset",
            """{"users":[{"login":"ann","password":"1"},{"login":"bob","password":"2"},{"login":"ann","password":"3"}]}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldBe("body: users[2].login: 'ann' is already the login of users[0]\n");
        StateProbe.Of(recorder.Recorder).ShouldBe(before);
    }

    /// <summary>
    /// A reset's body is read as --world reads a file: a byte that is not UTF-8 is refused with its place, never taken as
    /// a replacement character into a login no client can send back.
    /// </summary>
    [Fact]
    public async Task A_reset_whose_body_is_not_UTF_8_is_400_with_the_place_and_changes_nothing()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var before = StateProbe.Of(recorder.Recorder);
        var body = new ByteArrayContent([.. "{\"users\":[{\"login\":\"a"u8, 0xC0, 0xAF, .. "b\",\"password\":\"x\"}]}"u8]);
        body.Headers.ContentType = new("application/json");

        var response = await recorder.CreateClient().PostAsync("/simulator/reset", body, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("body: not a valid world file: it is not UTF-8 text: the byte at line 1, column 22 (offset 21)");
        StateProbe.Of(recorder.Recorder).ShouldBe(before);
    }

    /// <summary>
    /// GEN-3: JSON may escape half of a UTF-16 surrogate pair, which is no character; reading such a string threw an
    /// InvalidOperationException the JSON error handling did not catch, so these bodies were 500s with an empty body.
    /// </summary>
    [Theory]
    [InlineData("PATCH", "/simulator/profile", """{"name":"\ud800"}""", "profile: the body is not valid JSON text: the escape \\ud800 at line 1, column 10 (offset 9) is half of a UTF-16 surrogate pair")]
    [InlineData("PUT", "/simulator/profile", """{"pausedParameter": "x\udc00"}""", "profile: the body is not valid JSON text: the escape \\udc00 at line 1, column 23 (offset 22)")]
    [InlineData("POST", "/simulator/reset", """{"\ud800":1}""", "body: not a valid world file: the escape \\ud800 at line 1, column 3 (offset 2)")]
    [InlineData("POST", "/simulator/reset", "{\"calls\":[\n{\"callingNumber\":\"\\ud800\\u0041\",\"calledNumber\":\"1\"}]}", "body: not a valid world file: the escape \\ud800 at line 2, column 19 (offset 29)")]
    [InlineData("POST", "/simulator/reset", """{"profile":{"name":"\ud800"}}""", "body: not a valid world file: the escape \\ud800")]
    [InlineData("POST", "/simulator/users", """{"login":"a\ud83d","password":"x"}""", "the body is not valid JSON text: the escape \\ud83d")]
    [InlineData("POST", "/simulator/faults", """{"name":"\udfff\ud800","kind":"abort"}""", "fault: the body is not valid JSON text: the escape \\udfff")]
    [InlineData("POST", "/simulator/reset", "{\"a\":\"x\\", "body: not a valid world file")] // a backslash at the very end: no escape to read
    public async Task Half_of_a_surrogate_pair_escaped_in_a_body_is_400_with_its_place_and_changes_nothing(string method, string path, string json, string message)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var before = StateProbe.Of(recorder.Recorder);

        var response = await recorder.CreateClient().SendAsync(
            new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, Encoding.UTF8, "application/json") }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, json);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain(message);
        StateProbe.Of(recorder.Recorder).ShouldBe(before);
    }

    /// <summary>
    /// GEN-3: bytes that are not UTF-8 inside a string of a profile (a name, a value, a member's name) threw the same
    /// InvalidOperationException when read: PATCH and PUT /simulator/profile were 500s with an empty body.
    /// </summary>
    [Theory]
    [InlineData("PATCH", new byte[] { 0x7B, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D }, "column 10 (offset 9)")] // {"name":"\xff"}
    [InlineData("PUT", new byte[] { 0x7B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x3A, 0x22, 0x78, 0x22, 0x7D }, "column 3 (offset 2)")] // a surrogate encoded as UTF-8, as a member's name
    [InlineData("PATCH", new byte[] { 0x7B, 0x22, 0x6A, 0x76, 0x6D, 0x52, 0x6F, 0x75, 0x74, 0x65, 0x22, 0x3A, 0x22, 0xE2, 0x82, 0x22, 0x7D }, "column 14 (offset 13)")] // a character cut short
    public async Task A_profile_with_bytes_that_are_not_UTF_8_is_400_with_their_place_and_changes_nothing(string method, byte[] body, string place)
    {
        // Arrange
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var before = recorder.Recorder.Profile;
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        // Act
        var response = await recorder.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), "/simulator/profile") { Content = content }, TestContext.Current.CancellationToken);

        // Assert
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        text.ShouldContain($"profile: the body is not valid JSON text: it is not UTF-8 text: the byte at line 1, {place} is not part of a UTF-8 character");
        recorder.Recorder.Profile.ShouldBe(before);
    }

    /// <summary>A whole pair escaped, and a backslash escaped before a <c>u</c>, are text like any other.</summary>
    [Theory]
    [InlineData("""{"name":"\ud83d\ude00"}""", "\U0001F600")]
    [InlineData("""{"name":"\\ud800"}""", "\\ud800")]
    public async Task A_whole_surrogate_pair_or_an_escaped_backslash_is_read_as_written(string json, string name)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var response = await recorder.CreateClient().PatchAsync("/simulator/profile", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, json);
        recorder.Recorder.Profile.Name.ShouldBe(name);
    }

    /// <summary>A reset's body with a byte-order mark (UTF-8, UTF-16) is the world a --world file of those bytes is.</summary>
    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public async Task A_reset_whose_body_carries_a_byte_order_mark_is_read_as_that_encoding(string encoding)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var text = Encoding.GetEncoding(encoding);
        var body = new ByteArrayContent([.. text.GetPreamble(), .. text.GetBytes("""{"users":[{"login":"Müller","password":"x"}]}""")]);
        body.Headers.ContentType = new("application/json");

        var response = await recorder.CreateClient().PostAsync("/simulator/reset", body, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        recorder.Recorder.Users().ShouldHaveSingleItem().Login.ShouldBe("Müller");
    }

    /// <summary>A reset's body in UTF-16 with half of a surrogate pair is refused with its place, as a --world file's; it reset to a world with U+FFFD in its place.</summary>
    [Fact]
    public async Task A_reset_whose_UTF_16_body_holds_no_character_is_400_with_its_place()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var text = Encoding.Unicode;
        var body = new ByteArrayContent([.. text.GetPreamble(), .. text.GetBytes("{\"users\":[{\"login\":\""), 0x00, 0xD8, .. text.GetBytes("x\",\"password\":\"y\"}]}")]);
        body.Headers.ContentType = new("application/json");

        var response = await recorder.CreateClient().PostAsync("/simulator/reset", body, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("body: not a valid world file: it is not UTF-16 text: the byte(s) at offset 42 are no character");
        recorder.Recorder.Users().ShouldNotContain(u => u.Login.EndsWith('x'));
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("")]
    [InlineData("1")]
    public async Task Listing_calls_with_an_ended_that_is_not_a_boolean_is_400_with_a_message(string ended)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var response = await recorder.CreateClient().GetAsync($"/simulator/calls?ended={ended}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldBe($"ended must be true or false, not '{ended}'\n");
    }

    /// <summary>A value quoted in a control answer is escaped as in the legacy API's bodies: no NUL, escape sequence or line of its own.</summary>
    [Fact]
    public async Task A_value_a_control_answer_quotes_is_escaped_where_it_holds_control_characters()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var response = await recorder.CreateClient().GetAsync("/simulator/calls?ended=%00%1b%5b31m%0d%0aX");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldBe("ended must be true or false, not '\\u0000\\u001B[31m\\r\\nX'\n");
    }

    [Theory]
    [InlineData("/simulator/calls", true)]
    [InlineData("/simulator/users", true)]
    [InlineData("/simulator/reset", true)]
    [InlineData("/simulator/profile", true)]
    [InlineData("/simulator/calls", false)]
    [InlineData("/simulator/reset", false)]
    public async Task A_10_MB_body_is_413_with_a_message_and_the_log_has_no_unhandled_exception(string path, bool declaresItsLength)
    {
        var log = new CapturingLoggerProvider();
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(Small()).WithLogging(log).StartAsync(TestContext.Current.CancellationToken);
        var before = StateProbe.Of(recorder.Recorder);
        var body = Encoding.UTF8.GetBytes("{\"callingNumber\":\"" + new string('1', 10 * 1024 * 1024) + "\"}");
        using HttpContent content = declaresItsLength ? new ByteArrayContent(body) : new StreamContent(new UnknownLengthStream(body));
        content.Headers.ContentType = new("application/json");

        var response = await recorder.CreateClient().SendAsync(new HttpRequestMessage(path.EndsWith("profile", StringComparison.Ordinal) ? HttpMethod.Patch : HttpMethod.Post, path) { Content = content });

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain($"the control API takes at most {SimulatorOptions.MaxRequestBodyBytes} bytes");
        log.Messages.ShouldNotContain(line => line.Contains("unhandled", StringComparison.OrdinalIgnoreCase) || line.StartsWith("Error", StringComparison.Ordinal));
        StateProbe.Of(recorder.Recorder).ShouldBe(before);
    }

    /// <summary>A body sent chunked, whose length the server learns only by reading it.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
