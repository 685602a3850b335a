using System.Net;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

public sealed class ControlApiTests
{
    [Fact]
    public async Task Creating_a_call_returns_201_with_its_ids_and_it_is_listed()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();

        var created = await Control.PostAsync(http, "/simulator/calls",
            """{"callingNumber":"5550001","calledNumber":"10019","callingIp":"10.0.0.9","calledIp":"10.0.1.19","direction":"INCOMING"}""");
        var body = await Control.JsonAsync(created);
        var agent = await LegacyClient.LoggedInAsync(http, "agent", "agent-pw");
        var listed = await Documents.ListAsync(await agent.ListAsync("phoneNumber=10019"));

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var coupleId = (long)body["coupleId"]!;
        coupleId.ShouldBe(24200);
        ((long)body["callId"]!).ShouldBe(24145);
        listed.ShouldHaveSingleItem().Id.ShouldBe(coupleId);
        listed[0].SelfHref.ShouldNotBeNull("10019 matches the agent's 1001?");
    }

    /// <summary>
    /// GEN-3: a reset answered between a call's start and its answer (here, from the start's own notice) leaves the
    /// answer to describe the couple that started: a 201, never a 500, and not whatever the new world holds under its id.
    /// </summary>
    [Fact]
    public async Task A_call_started_while_a_reset_is_answered_is_answered_as_it_started()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var resets = 0;
        recorder.Recorder.Changed += (_, _) =>
        {
            if (Interlocked.Increment(ref resets) == 1)
            {
                recorder.Recorder.Reset(Small());
            }
        };

        var created = await Control.PostAsync(recorder.CreateClient(), "/simulator/calls",
            """{"callingNumber":"5550001","calledNumber":"10019","callingIp":"10.0.0.9","calledIp":"10.0.1.19","direction":"INCOMING"}""");

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var body = await Control.JsonAsync(created);
        ((string)body["calledNumber"]!).ShouldBe("10019");
        ((long)body["coupleId"]!).ShouldBe(24200);
        recorder.Recorder.Find(24200).ShouldBeNull("the reset forgot it");
    }

    /// <summary>A method's name is case-sensitive: a "post" or a "delete" changes nothing and is a 405 naming the methods the path takes.</summary>
    [Theory]
    [InlineData("post", "/simulator/users", "POST")]
    [InlineData("delete", "/simulator/calls/24197", "DELETE")]
    [InlineData("GeT", "/simulator/users", "GET")]
    public async Task A_method_spelled_in_another_case_is_not_allowed_and_changes_nothing(string method, string path, string allowed)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var users = recorder.Recorder.Users().Count;
        var couples = recorder.Recorder.Couples().Count;
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent("""{"login":"lc9","password":"x"}""", System.Text.Encoding.UTF8, "application/json"),
        };

        var answer = await recorder.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        answer.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        answer.Content.Headers.Allow.ShouldContain(allowed);
        recorder.Recorder.Users().Count.ShouldBe(users);
        recorder.Recorder.Couples().Count.ShouldBe(couples);
    }

    [Fact]
    public async Task A_call_can_join_an_existing_call_as_another_couple()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);

        var body = await Control.JsonAsync(await Control.PostAsync(recorder.CreateClient(), "/simulator/calls",
            $$"""{"callingNumber":"10012","calledNumber":"10013","coupleType":"CONF","callId":{{recorder.Recorder.Find(AgentsCouple)!.Couple.CallId}}}"""));

        ((long)body["callId"]!).ShouldBe(recorder.Recorder.Find(AgentsCouple)!.Couple.CallId);
        ((string)body["coupleType"]!).ShouldBe("CONF");
    }

    [Fact]
    public async Task Ending_a_call_removes_it_from_the_list_but_keeps_its_pause_history()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var admin = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        await admin.PauseAsync(AgentsCouple);

        var ended = await http.DeleteAsync($"/simulator/calls/{AgentsCouple}");
        var again = await http.DeleteAsync($"/simulator/calls/{AgentsCouple}");
        var state = await Control.GetAsync(http, $"/simulator/calls/{AgentsCouple}");

        ended.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Documents.ListAsync(await admin.ListAsync())).Select(c => c.Id).ShouldNotContain(AgentsCouple, "LST-7");
        state.GetProperty("inProgress").GetBoolean().ShouldBeFalse();
        state.GetProperty("paused").GetBoolean().ShouldBeTrue();
        state.GetProperty("callRecordingPaused").GetBoolean().ShouldBeTrue("PSE-1");
        state.GetProperty("screenRecordingPaused").GetBoolean().ShouldBeTrue("PSE-1");
        var interval = state.GetProperty("pauseHistory").EnumerateArray().ShouldHaveSingleItem();
        interval.GetProperty("pausedBy").GetString().ShouldBe("admin");
        interval.GetProperty("pausedSession").GetString().ShouldBe(admin.SessionId![..4] + "…", "the session as the dashboard shows it: the whole id would let a reader act as admin");
    }

    [Fact]
    public async Task Listing_calls_shows_those_in_progress_and_on_request_the_ended_ones()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        recorder.Recorder.EndCall(OthersCouple);

        var inProgress = await Control.GetAsync(http, "/simulator/calls");
        var all = await Control.GetAsync(http, "/simulator/calls?ended=true");

        inProgress.EnumerateArray().Select(c => c.GetProperty("coupleId").GetInt64()).ShouldBe([AgentsCouple, InternalCouple]);
        all.GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task Adding_a_user_gives_201_and_replacing_it_200_with_the_new_rights_at_once()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();

        var added = await Control.PostAsync(http, "/simulator/users",
            """{"login":"carol","password":"pw","permissions":["CallList","PauseAndResumeCalls"],"phoneMasks":["5*"]}""");
        var carol = await LegacyClient.LoggedInAsync(http, "carol", "pw");
        var beforeReplace = await Documents.ListAsync(await carol.ListAsync());
        var replaced = await Control.PostAsync(http, "/simulator/users", """{"login":"carol","password":"pw","permissions":[]}""");
        var afterReplace = await carol.ListAsync();

        added.StatusCode.ShouldBe(HttpStatusCode.Created);
        beforeReplace.Where(c => c.SelfHref is not null).Select(c => c.Id).ShouldBe([AgentsCouple, OthersCouple], "masks 5*");
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK);
        afterReplace.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "LST-7: Call List taken away");
        (await Control.GetAsync(http, "/simulator/users")).EnumerateArray().Select(u => u.GetProperty("login").GetString())
            .ShouldBe(["admin", "agent", "carol", "guest", "monitor"]);
    }

    /// <summary>
    /// A user replaced with another password is logged out of every session: whoever logged in with the old one (or took
    /// such a session) must not keep it. Replaced with the same password, the sessions stay, with the new rights.
    /// </summary>
    [Fact]
    public async Task Replacing_a_user_with_a_new_password_ends_its_sessions_and_with_the_same_one_keeps_them()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        await Control.PostAsync(http, "/simulator/users", """{"login":"carol","password":"pw","permissions":["CallList"]}""");
        var carol = await LegacyClient.LoggedInAsync(http, "carol", "pw");

        await Control.PostAsync(http, "/simulator/users", """{"login":"carol","password":"pw","permissions":["CallList"],"phoneMasks":["5*"]}""");
        var sameKept = await carol.ListAsync();
        await Control.PostAsync(http, "/simulator/users", """{"login":"carol","password":"new","permissions":["CallList"]}""");
        var oldEnded = await carol.ListAsync();
        var again = await (await LegacyClient.LoggedInAsync(http, "carol", "new")).ListAsync();

        sameKept.StatusCode.ShouldBe(HttpStatusCode.OK, "the same password: the session stays, with the new masks");
        oldEnded.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "SES-4: a new password ends the sessions of the old one");
        again.StatusCode.ShouldBe(HttpStatusCode.OK, "SES-1: the new password logs in");
    }

    [Fact]
    public async Task Reset_returns_to_the_start_world_or_to_a_given_one()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var admin = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        await admin.PauseAsync(AgentsCouple);

        var toStart = await http.PostAsync("/simulator/reset", null);
        var afterStart = recorder.Recorder.Find(AgentsCouple)!;
        var toGiven = await Control.PostAsync(http, "/simulator/reset",
            """{"profile":"jaxrs-lenient","users":[{"login":"u","password":"p","permissions":["CallList"]}],"calls":[{"callingNumber":"1","calledNumber":"2"}]}""");

        toStart.StatusCode.ShouldBe(HttpStatusCode.OK);
        afterStart.History.ShouldBeEmpty();
        (await admin.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a reset ends every session");
        toGiven.StatusCode.ShouldBe(HttpStatusCode.OK);
        recorder.Recorder.Users().ShouldHaveSingleItem().Login.ShouldBe("u");
        recorder.Recorder.Couples().ShouldHaveSingleItem().Couple.Id.ShouldBe(World.DefaultFirstCoupleId);
        recorder.Recorder.Profile.PausedParameter.ShouldBe(PausedParameterReading.JaxRsLenient);
    }

    [Fact]
    public async Task The_profile_can_be_read_and_changed_setting_by_setting()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();

        var before = await Control.GetAsync(http, "/simulator/profile");
        var changed = await http.PatchAsync("/simulator/profile",
            new StringContent("""{"pausedParameter":"jaxrs-lenient","sessionIdleTimeout":"00:05:00"}""", System.Text.Encoding.UTF8, "application/json"));

        before.GetProperty("name").GetString().ShouldBe("default");
        before.GetProperty("pausedParameter").GetString().ShouldBe("strict");
        before.GetProperty("invalidDirectionStatus").GetString().ShouldBe("404");
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        recorder.Recorder.Profile.PausedParameter.ShouldBe(PausedParameterReading.JaxRsLenient);
        recorder.Recorder.Profile.SessionIdleTimeout.ShouldBe(TimeSpan.FromMinutes(5));
    }

    [Theory]
    [InlineData("POST", "/simulator/calls", "")]
    [InlineData("POST", "/simulator/calls", "{")]
    [InlineData("POST", "/simulator/calls", "[]")]
    [InlineData("POST", "/simulator/calls", "null")]
    [InlineData("POST", "/simulator/calls", """{"callingNumber":"1"}""")]
    [InlineData("POST", "/simulator/calls", """{"callingNumber":"1","calledNumber":""}""")]
    [InlineData("POST", "/simulator/calls", """{"callingNumber":"1","calledNumber":"2","direction":"SIDEWAYS"}""")]
    [InlineData("POST", "/simulator/calls", """{"callingNumber":"1","calledNumber":"2","direction":"1"}""")]
    [InlineData("POST", "/simulator/calls", """{"callingNumber":"1","calledNumber":"2","callingIp":"not-an-ip"}""")]
    [InlineData("POST", "/simulator/calls", """{"callingNumber":"1","calledNumber":"2","callId":-4}""")]
    [InlineData("POST", "/simulator/calls", """{"callingNumber":"1","calledNumber":"2","colour":"red"}""")]
    [InlineData("POST", "/simulator/calls", """{"callingNumber":12,"calledNumber":"2"}""")]
    [InlineData("POST", "/simulator/users", """{"login":"x"}""")]
    [InlineData("POST", "/simulator/users", """{"login":"x","password":"y","permissions":["Admin"]}""")]
    [InlineData("POST", "/simulator/users", """{"login":"x","password":"y","permissions":["None"]}""")]
    [InlineData("POST", "/simulator/users", """{"login":"x","password":"y","phoneMasks":[""]}""")]
    [InlineData("POST", "/simulator/reset", """{"users":[null]}""")]
    [InlineData("POST", "/simulator/reset", """{"profile":"fastest"}""")]
    [InlineData("POST", "/simulator/reset", """{"seed":"x"}""")]
    [InlineData("PATCH", "/simulator/profile", """{"pausedParameter":"maybe"}""")]
    [InlineData("PATCH", "/simulator/profile", """{"invalidDirectionStatus":"200"}""")]
    [InlineData("PATCH", "/simulator/profile", """{"sessionIdleTimeout":"-1"}""")]
    [InlineData("PATCH", "/simulator/profile", """{"colour":"red"}""")]
    [InlineData("PATCH", "/simulator/profile", """[1]""")]
    public async Task Bad_control_input_is_400_with_a_message_and_changes_nothing(string method, string path, string json)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var before = StateProbe.Of(recorder.Recorder);

        var response = await recorder.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, json);
        (await response.Content.ReadAsStringAsync()).Trim().ShouldNotBeEmpty();
        StateProbe.Of(recorder.Recorder).ShouldBe(before);
    }

    [Fact]
    public async Task With_a_token_the_control_API_refuses_requests_without_it()
    {
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(Small()).WithControl(new ControlOptions(Token: "s3cret")).StartAsync(TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();

        var without = await http.GetAsync("/simulator/calls");
        using var withHeader = new HttpRequestMessage(HttpMethod.Get, "/simulator/calls");
        withHeader.Headers.Add("X-Simulator-Token", "s3cret");
        using var withBearer = new HttpRequestMessage(HttpMethod.Get, "/simulator/calls");
        withBearer.Headers.Add("Authorization", "Bearer s3cret");
        using var lowerCaseScheme = new HttpRequestMessage(HttpMethod.Get, "/simulator/calls");
        lowerCaseScheme.Headers.TryAddWithoutValidation("Authorization", "bearer s3cret");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/simulator/calls");
        wrong.Headers.Add("X-Simulator-Token", "s3cre");

        without.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.SendAsync(withHeader)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.SendAsync(withBearer)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.SendAsync(lowerCaseScheme)).StatusCode.ShouldBe(HttpStatusCode.OK, "RFC 9110: an authentication scheme's name is case-insensitive");
        (await http.SendAsync(wrong)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Turned_off_the_control_API_is_not_there_and_the_recorder_API_still_is()
    {
        await using var recorder = await FakeRecorder.CreateBuilder().WithWorld(Small()).WithControl(new ControlOptions(Enabled: false)).StartAsync(TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();

        (await http.GetAsync("/simulator/calls")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await new LegacyClient(http).ListAsync()).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "LST-2");
    }

    [Fact]
    public async Task The_request_log_says_which_rule_decided_each_request()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        await new LegacyClient(http) { SendDummyCookie = false }.LoginAsync("agent", "agent-pw");

        var log = await Control.GetAsync(http, "/simulator/log");

        log.EnumerateArray().First().GetString()
            .ShouldBe("POST /callrec/loginAction.do → 200: login by agent ignored: the request carried no cookie (SES-2)");
    }

    /// <summary>The control API's answers read as written with curl: an arrow, an ampersand, an apostrophe not escaped.</summary>
    [Fact]
    public async Task The_control_APIs_answers_escape_only_what_JSON_needs()
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(), TestContext.Current.CancellationToken);
        var http = recorder.CreateClient();
        var legacy = await LegacyClient.LoggedInAsync(http, "admin", "secret");
        await legacy.ListAsync("phoneNumber=10012&phoneNumberDirection=CALLED&sort=yes");

        using var logAnswer = await http.GetAsync("/simulator/log", TestContext.Current.CancellationToken);
        var log = await logAnswer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var audit = await http.GetStringAsync("/simulator/audit", TestContext.Current.CancellationToken);

        log.ShouldContain("?phoneNumber=10012&phoneNumberDirection=CALLED&sort=*** → 200");
        audit.ShouldContain("'sort'");
        (log + audit).ShouldNotContain("\\u00");
        (log + audit).ShouldNotContain("\\u2192");
        logAnswer.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"], "a client's text is never sniffed as markup");
    }
}
