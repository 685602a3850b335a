using System.Net;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Http;

/// <summary>The status settings of the profile: each changes exactly one kind of answer, and its default is today's.</summary>
public sealed class StatusSettingsTests
{
    private static readonly string PausedState = $"{LegacyClient.CouplesPath}/{AgentsCouple}/pausedState";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null, HttpStatusCode.MethodNotAllowed)]
    [InlineData("pausedStateGetStatus=405", HttpStatusCode.MethodNotAllowed)]
    [InlineData("pausedStateGetStatus=404", HttpStatusCode.NotFound)]
    [InlineData("pausedStateGetStatus=400", HttpStatusCode.BadRequest)]
    public async Task PSE_4_pausedStateGetStatus_is_the_answer_to_GET_on_pausedState_and_to_nothing_else(string? setting, HttpStatusCode expected)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var get = await client.SendAsync(HttpMethod.Get, PausedState);
        var delete = await client.SendAsync(HttpMethod.Delete, PausedState);
        var unknown = await client.SendAsync(HttpMethod.Get, "/callrec/nothing");

        get.StatusCode.ShouldBe(expected, $"PSE-4 under {setting ?? "the default"}");
        (await get.Content.ReadAsStringAsync(Cancel)).ShouldBe("pausedState takes POST or PUT, not GET (PSE-4)\n");
        delete.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, "GEN-2 is not pausedStateGetStatus");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound, "GEN-1 is not pausedStateGetStatus");
        recorder.Recorder.Find(AgentsCouple)!.History.ShouldBeEmpty("PSE-4: a GET changes nothing");
    }

    /// <summary>
    /// GEN-2, PSE-4 (inferred): badMethodOrder places the method check among the login check. Under after-login a request of
    /// the list, the details or pausedState naming no logged-in session is refused as not logged in (403) whatever its
    /// method, as behind a servlet filter that checks the session first; in a session the method's own status stands; the
    /// login's and logout's paths, which take requests without a session, are not refused so.
    /// </summary>
    [Theory]
    [InlineData(null, HttpStatusCode.MethodNotAllowed, HttpStatusCode.MethodNotAllowed, HttpStatusCode.MethodNotAllowed)]
    [InlineData("badMethodOrder=before-login", HttpStatusCode.MethodNotAllowed, HttpStatusCode.MethodNotAllowed, HttpStatusCode.MethodNotAllowed)]
    [InlineData("badMethodOrder=after-login", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    public async Task GEN_2_badMethodOrder_places_a_method_the_path_does_not_take_before_or_after_the_login_check(string? setting, HttpStatusCode list, HttpStatusCode details, HttpStatusCode pausedStateGet)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var anonymous = new LegacyClient(recorder.CreateClient());
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var patchList = await anonymous.SendAsync(HttpMethod.Patch, LegacyClient.CouplesPath);
        var deleteDetails = await anonymous.SendAsync(HttpMethod.Delete, $"{LegacyClient.CouplesPath}/{AgentsCouple}");
        var get = await anonymous.SendAsync(HttpMethod.Get, PausedState);
        var lowercase = await anonymous.SendAsync(new HttpMethod("get"), LegacyClient.CouplesPath);
        var getLogin = await anonymous.SendAsync(HttpMethod.Get, "/callrec/loginAction.do");
        var getLogout = await anonymous.SendAsync(HttpMethod.Get, "/callrec/logoutAction.do");
        var inSession = await client.SendAsync(HttpMethod.Patch, LegacyClient.CouplesPath);
        var getInSession = await client.SendAsync(HttpMethod.Get, PausedState);

        patchList.StatusCode.ShouldBe(list, $"GEN-2 under {setting ?? "the default"}");
        deleteDetails.StatusCode.ShouldBe(details, $"GEN-2 under {setting ?? "the default"}");
        get.StatusCode.ShouldBe(pausedStateGet, $"PSE-4 under {setting ?? "the default"}");
        lowercase.StatusCode.ShouldBe(list, "GEN-2: a method spelled in lower case is one the path does not take, refused where badMethodOrder says");
        getLogin.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, "GEN-2: the login's path takes requests without a session");
        getLogout.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, "GEN-2: so does the logout's");
        inSession.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, "GEN-2: in a logged-in session the method's status");
        getInSession.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, "PSE-4: in a logged-in session the method's status");
        if (list == HttpStatusCode.Forbidden)
        {
            (await patchList.Content.ReadAsStringAsync(Cancel)).ShouldStartWith("not logged in", Case.Sensitive, "LST-2: refused as any request without a session is");
        }
    }

    /// <summary>
    /// GEN-1 (inferred): unknownPathOrder places the unknown path among the login check. Under after-login an unknown path
    /// of the API (under /callrec/restful/) naming no logged-in session is refused as not logged in (403), as behind a
    /// filter that guards the API's paths; in a session, and outside the API's paths, unknownPathStatus stands.
    /// </summary>
    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("unknownPathOrder=before-login", HttpStatusCode.NotFound)]
    [InlineData("unknownPathOrder=after-login", HttpStatusCode.Forbidden)]
    public async Task GEN_1_unknownPathOrder_places_an_unknown_path_of_the_API_before_or_after_the_login_check(string? setting, HttpStatusCode withoutSession)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var anonymous = new LegacyClient(recorder.CreateClient());
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var bare = await anonymous.SendAsync(HttpMethod.Get, "/callrec/restful/no-such-resource.xml");
        var otherCase = await anonymous.SendAsync(HttpMethod.Get, "/callrec/restful/Couples.xml");
        var outside = await anonymous.SendAsync(HttpMethod.Get, "/callrec/no-such-page.jsp");
        var inSession = await client.SendAsync(HttpMethod.Get, "/callrec/restful/no-such-resource.xml");

        bare.StatusCode.ShouldBe(withoutSession, $"GEN-1 under {setting ?? "the default"}");
        otherCase.StatusCode.ShouldBe(withoutSession, "GEN-1: the list spelled in another case is an unknown path of the API too (pathCase=exact)");
        outside.StatusCode.ShouldBe(HttpStatusCode.NotFound, "GEN-1: a path outside the API's is the web application's, not guarded");
        inSession.StatusCode.ShouldBe(HttpStatusCode.NotFound, "GEN-1: in a logged-in session, unknownPathStatus");
        if (withoutSession == HttpStatusCode.Forbidden)
        {
            (await bare.Content.ReadAsStringAsync(Cancel)).ShouldStartWith("not logged in", Case.Sensitive, "refused as any request without a session is");
        }
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("endedCoupleStatus=404", HttpStatusCode.NotFound)]
    [InlineData("endedCoupleStatus=410", HttpStatusCode.Gone)]
    [InlineData("endedCoupleStatus=204", HttpStatusCode.NoContent)]
    public async Task DET_3_and_PSE_4_endedCoupleStatus_is_the_answer_for_a_couple_that_has_ended_and_not_for_an_unknown_one(string? setting, HttpStatusCode expected)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        recorder.Recorder.EndCall(AgentsCouple).ShouldBeTrue();

        var details = await client.DetailsAsync(AgentsCouple);
        var pause = await client.PauseAsync(AgentsCouple);
        var unknown = await client.DetailsAsync(99999);

        details.StatusCode.ShouldBe(expected, $"DET-3 under {setting ?? "the default"}");
        pause.StatusCode.ShouldBe(expected, $"PSE-4 under {setting ?? "the default"}");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound, "DET-3: a couple never known is unknownCoupleStatus (404) whatever endedCoupleStatus says");
        recorder.Recorder.Find(AgentsCouple)!.History.ShouldBeEmpty("PSE-4: an ended couple is not paused");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("unknownCoupleStatus=404", HttpStatusCode.NotFound)]
    [InlineData("unknownCoupleStatus=410", HttpStatusCode.Gone)]
    public async Task DET_3_and_PSE_4_unknownCoupleStatus_is_the_answer_for_a_couple_never_known_and_not_for_one_that_ended_or_an_id_that_is_no_number(string? setting, HttpStatusCode expected)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        recorder.Recorder.EndCall(AgentsCouple).ShouldBeTrue();

        var details = await client.DetailsAsync(99_999);
        var pause = await client.PauseAsync(99_999);
        var ended = await client.DetailsAsync(AgentsCouple);
        var noNumber = await client.SendAsync(HttpMethod.Get, "/callrec/restful/couples.xml/abc");

        details.StatusCode.ShouldBe(expected, $"DET-3 under {setting ?? "the default"}");
        pause.StatusCode.ShouldBe(expected, $"PSE-4 under {setting ?? "the default"}");
        (await details.Content.ReadAsStringAsync(Cancel)).ShouldBe("couple 99999 is not in progress (DET-3)\n", "it never was: not 'has ended'");
        ended.StatusCode.ShouldBe(HttpStatusCode.NotFound, "DET-3: a couple the recorder knows as ended is endedCoupleStatus (404)");
        noNumber.StatusCode.ShouldBe(HttpStatusCode.NotFound, "DET-3: an id that is not a number is no couple at all");
    }

    /// <summary>
    /// LST-5 "may see that call's details" (which numbers the masks apply to is inferred): under maskScope=call a leg whose
    /// own numbers are outside agent's masks (1001?) is seen, linked and paused through a leg of its call within them; a
    /// call with no leg within them stays refused.
    /// </summary>
    [Theory]
    [InlineData(null, false)]
    [InlineData("maskScope=couple", false)]
    [InlineData("maskScope=call", true)]
    public async Task LST_5_maskScope_says_whether_a_leg_within_the_masks_shows_the_whole_call(string? setting, bool byCall)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var others = recorder.Recorder.Find(OthersCouple)!.Couple;
        var leg = recorder.Recorder.StartCall(new PauseResume.Simulator.Domain.NewCall("10019", "5559877", CallId: others.CallId)); // within 1001?, in OthersCouple's call
        var agent = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "agent", "agent-pw");

        var list = System.Xml.Linq.XDocument.Parse(await (await agent.ListAsync()).Content.ReadAsStringAsync(Cancel));
        var details = await agent.DetailsAsync(OthersCouple);
        var pause = await agent.PauseAsync(OthersCouple);
        recorder.Recorder.EndCall(leg.Id).ShouldBeTrue();
        var afterLegEnded = await agent.DetailsAsync(OthersCouple);

        bool Linked(long id) => list.Root!.Elements().Single(e => (long)e.Attribute("id")! == id).Elements().Any(e => e.Name.LocalName == "link");
        Linked(leg.Id).ShouldBeTrue("its own number is within the masks");
        Linked(OthersCouple).ShouldBe(byCall, $"LST-5 under {setting ?? "the default"}");
        details.StatusCode.ShouldBe(byCall ? HttpStatusCode.OK : HttpStatusCode.Forbidden, "DET-3");
        pause.StatusCode.ShouldBe(byCall ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden, "PSE-4");
        recorder.Recorder.Find(OthersCouple)!.Paused.ShouldBe(byCall);
        afterLegEnded.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "only a leg in progress opens the call");
    }

    /// <summary>
    /// LST-5 (which of a couple's numbers the masks apply to is inferred): under maskSide=calling or called a couple whose
    /// number on the other side alone is within agent's masks (1001?) is not linked, and its details and pause refused.
    /// </summary>
    [Theory]
    [InlineData(null, true, true)]
    [InlineData("maskSide=either", true, true)]
    [InlineData("maskSide=calling", true, false)]
    [InlineData("maskSide=called", false, true)]
    public async Task LST_5_maskSide_says_which_number_the_masks_apply_to(string? setting, bool byCalling, bool byCalled)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var calling = recorder.Recorder.StartCall(new PauseResume.Simulator.Domain.NewCall("10017", "5559871")).Id; // its calling number within 1001?
        var called = recorder.Recorder.StartCall(new PauseResume.Simulator.Domain.NewCall("5559872", "10018")).Id; // its called number
        var agent = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "agent", "agent-pw");

        var list = System.Xml.Linq.XDocument.Parse(await (await agent.ListAsync()).Content.ReadAsStringAsync(Cancel));
        var details = (await agent.DetailsAsync(calling), await agent.DetailsAsync(called));
        var pause = (await agent.PauseAsync(calling), await agent.PauseAsync(called));

        bool Linked(long id) => list.Root!.Elements().Single(e => (long)e.Attribute("id")! == id).Elements().Any(e => e.Name.LocalName == "link");
        (Linked(calling), Linked(called)).ShouldBe((byCalling, byCalled), $"LST-5 under {setting ?? "the default"}");
        (details.Item1.StatusCode, details.Item2.StatusCode).ShouldBe((byCalling ? HttpStatusCode.OK : HttpStatusCode.Forbidden, byCalled ? HttpStatusCode.OK : HttpStatusCode.Forbidden), "DET-3");
        (pause.Item1.StatusCode, pause.Item2.StatusCode).ShouldBe((byCalling ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden, byCalled ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden), "PSE-4");
    }

    /// <summary>LST-7 (inferred): under listWithoutCallList=empty a user without Call List lists nothing, and is refused the rest as before.</summary>
    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("listWithoutCallList=refused", HttpStatusCode.Forbidden)]
    [InlineData("listWithoutCallList=empty", HttpStatusCode.OK)]
    public async Task LST_7_listWithoutCallList_is_what_a_user_without_Call_List_gets_for_the_list(string? setting, HttpStatusCode expected)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "guest", "guest-pw");

        var list = await client.ListAsync();
        var filtered = await client.ListAsync("?phoneNumber=5551234");
        var details = await client.DetailsAsync(AgentsCouple);

        list.StatusCode.ShouldBe(expected, $"LST-7 under {setting ?? "the default"}");
        filtered.StatusCode.ShouldBe(expected, "a filter changes nothing");
        if (expected == HttpStatusCode.OK)
        {
            var document = System.Xml.Linq.XDocument.Parse(await list.Content.ReadAsStringAsync(Cancel));
            document.Root!.Elements().ShouldBeEmpty("no couple, though some are in progress");
        }

        details.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "DET-3: the details are refused as before");
    }

    /// <summary>PSE-2 (inferred "with a message"): under errorBody=empty every refusal is its status alone, and the same status.</summary>
    [Theory]
    [InlineData(null, true)]
    [InlineData("errorBody=message", true)]
    [InlineData("errorBody=empty", false)]
    public async Task PSE_2_errorBody_says_whether_a_refusal_carries_a_message(string? setting, bool message)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var anonymous = new LegacyClient(recorder.CreateClient());
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        HttpResponseMessage[] refusals =
        [
            await anonymous.ListAsync(),
            await client.SetPausedAsync(AgentsCouple, "pause=true"),
            await client.DetailsAsync(99_999),
            await client.SendAsync(HttpMethod.Get, "/callrec/restful/nothing"),
        ];

        refusals.Select(r => (int)r.StatusCode).ShouldBe([403, 400, 404, 404], $"errorBody changes no status ({setting ?? "the default"})");
        foreach (var refusal in refusals)
        {
            var body = await refusal.Content.ReadAsStringAsync(Cancel);
            if (message)
            {
                body.ShouldMatch(@"^.+ \((LST|DET|PSE|GEN)-\d\)\n$", "one line naming the rule");
            }
            else
            {
                body.ShouldBeEmpty($"{(int)refusal.StatusCode}: the status alone");
            }
        }

        recorder.Recorder.Find(AgentsCouple)!.History.ShouldBeEmpty("PSE-2: nothing changed");
    }

    /// <summary>A JAX-RS resource method that returns null for a couple not in progress answers 204 with no body, to a pause too.</summary>
    [Theory]
    [InlineData("unknownCoupleStatus=204", 99_999L)]
    [InlineData("endedCoupleStatus=204", AgentsCouple)]
    public async Task DET_3_and_PSE_4_a_couple_not_in_progress_answered_204_gets_no_body_and_nothing_changes(string setting, long couple)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        recorder.Recorder.EndCall(AgentsCouple).ShouldBeTrue();

        var details = await client.DetailsAsync(couple);
        var pause = await client.PauseAsync(couple);

        details.StatusCode.ShouldBe(HttpStatusCode.NoContent, $"DET-3 under {setting}");
        (await details.Content.ReadAsStringAsync(Cancel)).ShouldBeEmpty("no document and no message");
        pause.StatusCode.ShouldBe(HttpStatusCode.NoContent, $"PSE-4 under {setting}");
        (await pause.Content.ReadAsStringAsync(Cancel)).ShouldBeEmpty();
        recorder.Recorder.Find(AgentsCouple)!.History.ShouldBeEmpty("PSE-4: a couple not in progress is not paused");
        recorder.Recorder.Find(99_999).ShouldBeNull("a pause of an unknown couple makes none");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Forbidden)]
    [InlineData("outsideAccessStatus=403", HttpStatusCode.Forbidden)]
    [InlineData("outsideAccessStatus=404", HttpStatusCode.NotFound)]
    public async Task DET_3_and_PSE_4_outsideAccessStatus_is_the_answer_for_a_couple_outside_the_users_masks_and_for_no_other_refusal(string? setting, HttpStatusCode expected)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var agent = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "agent", "agent-pw");
        var monitor = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "monitor", "monitor-pw");

        var details = await agent.DetailsAsync(OthersCouple);
        var pause = await agent.PauseAsync(OthersCouple);
        var own = await agent.DetailsAsync(AgentsCouple);
        var noRight = await monitor.PauseAsync(AgentsCouple);

        details.StatusCode.ShouldBe(expected, $"DET-3 under {setting ?? "the default"}");
        pause.StatusCode.ShouldBe(expected, $"PSE-4 under {setting ?? "the default"}");
        var unknownPause = await agent.PauseAsync(99_999);
        if (expected == HttpStatusCode.NotFound)
        {
            // A body that said the couple is in progress would tell which hidden ids are live calls: word for word an unknown couple's.
            (await pause.Content.ReadAsStringAsync(Cancel)).ShouldBe((await unknownPause.Content.ReadAsStringAsync(Cancel)).Replace("99999", "24198", StringComparison.Ordinal));
            (await details.Content.ReadAsStringAsync(Cancel)).ShouldBe($"couple {OthersCouple} is not in progress (DET-3)\n");
            recorder.Log.Lines.ShouldContain(line => line.Contains("phone masks of agent", StringComparison.Ordinal) && line.Contains("outsideAccessStatus=404", StringComparison.Ordinal), "the operator's log keeps the true cause");
        }
        else
        {
            (await pause.Content.ReadAsStringAsync(Cancel)).ShouldContain("phone masks");
        }

        own.StatusCode.ShouldBe(HttpStatusCode.OK, "DET-1: a couple within the masks is no refusal");
        noRight.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "PSE-4: a missing right is 403 whatever outsideAccessStatus says");
        recorder.Recorder.Find(OthersCouple)!.History.ShouldBeEmpty("PSE-4: a couple outside the masks is not paused");
    }

    /// <summary>
    /// PSE-4 (inferred): under outsidePauseStatus=403 a pause of a couple outside the user's masks is refused 403 whatever
    /// the details answer (404 here, outsideAccessStatus), and changes nothing; as-details follows the details.
    /// </summary>
    [Theory]
    [InlineData("outsidePauseStatus=as-details", HttpStatusCode.NotFound)]
    [InlineData("outsidePauseStatus=403", HttpStatusCode.Forbidden)]
    public async Task PSE_4_outsidePauseStatus_is_the_answer_to_a_pause_of_a_couple_outside_the_users_masks(string setting, HttpStatusCode expected)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With("outsideAccessStatus=404", setting)), TestContext.Current.CancellationToken);
        var agent = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "agent", "agent-pw");

        var details = await agent.DetailsAsync(OthersCouple);
        var pause = await agent.PauseAsync(OthersCouple);

        details.StatusCode.ShouldBe(HttpStatusCode.NotFound, "DET-3: outsideAccessStatus=404");
        pause.StatusCode.ShouldBe(expected, $"PSE-4 under {setting}");
        recorder.Recorder.Find(OthersCouple)!.History.ShouldBeEmpty("PSE-4: a couple outside the masks is not paused");
    }

    /// <summary>
    /// DET-3 (inferred): under withoutCallListStatus=404 a user without Call List is answered the details of a couple in
    /// progress as one not in progress, word for word; the list is refused as before, and a pause as the details are
    /// (outsidePauseStatus=as-details, a recorder that looks the couple up among those the user may see), or 403 under
    /// outsidePauseStatus=403.
    /// </summary>
    [Theory]
    [InlineData(null, null, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("withoutCallListStatus=403", null, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("withoutCallListStatus=404", null, HttpStatusCode.NotFound, HttpStatusCode.NotFound)]
    [InlineData("withoutCallListStatus=404", "outsidePauseStatus=403", HttpStatusCode.NotFound, HttpStatusCode.Forbidden)]
    [InlineData("withoutCallListStatus=403", "outsidePauseStatus=403", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    public async Task DET_3_withoutCallListStatus_is_the_answer_for_the_details_to_a_user_without_Call_List_and_a_pause_as_outsidePauseStatus_says(string? setting, string? pauseSetting, HttpStatusCode expected, HttpStatusCode expectedPause)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting, pauseSetting)), TestContext.Current.CancellationToken);
        var guest = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "guest", "guest-pw");
        var agent = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "agent", "agent-pw");

        var details = await guest.DetailsAsync(AgentsCouple);
        var unknown = await agent.DetailsAsync(99_999); // a user with Call List: the unknown couple's own answer
        var pause = await guest.PauseAsync(AgentsCouple);
        var list = await guest.ListAsync();
        var outside = await agent.DetailsAsync(OthersCouple);

        details.StatusCode.ShouldBe(expected, $"DET-3 under {setting ?? "the default"}");
        if (expected == HttpStatusCode.NotFound)
        {
            // A body that said the couple is in progress would tell which ids are live calls: word for word an unknown couple's.
            (await details.Content.ReadAsStringAsync(Cancel)).ShouldBe((await unknown.Content.ReadAsStringAsync(Cancel)).Replace("99999", AgentsCouple.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            recorder.Log.Lines.ShouldContain(line => line.Contains("lacks the Call List permission", StringComparison.Ordinal) && line.Contains("withoutCallListStatus=404", StringComparison.Ordinal), "the operator's log keeps the true cause");
        }
        else
        {
            (await details.Content.ReadAsStringAsync(Cancel)).ShouldContain("Call List");
        }

        pause.StatusCode.ShouldBe(expectedPause, $"PSE-4: a pause outside the user's access under {setting ?? "the default"}, {pauseSetting ?? "outsidePauseStatus=as-details"}");
        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "LST-7: the list is listWithoutCallList's");
        outside.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a couple outside the masks is outsideAccessStatus's");
        recorder.Recorder.Find(AgentsCouple)!.History.ShouldBeEmpty("PSE-4: nothing changed");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NoContent)]
    [InlineData("unchangedPauseStatus=204", HttpStatusCode.NoContent)]
    [InlineData("unchangedPauseStatus=409", HttpStatusCode.Conflict)]
    [InlineData("unchangedPauseStatus=200", HttpStatusCode.OK)]
    public async Task PSE_3_unchangedPauseStatus_is_the_answer_to_a_pause_or_resume_that_changes_nothing_and_to_nothing_else(string? setting, HttpStatusCode expected)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var resumeRecording = await client.ResumeAsync(AgentsCouple);
        var pause = await client.PauseAsync(AgentsCouple);
        var pausePaused = await client.PauseAsync(AgentsCouple);
        var resume = await client.ResumeAsync(AgentsCouple);
        var unknown = await client.PauseAsync(99999);

        resumeRecording.StatusCode.ShouldBe(expected, $"PSE-3 under {setting ?? "the default"}: a resume of a recording couple");
        pausePaused.StatusCode.ShouldBe(expected, "PSE-3: a pause of a paused couple");
        if (expected is not (HttpStatusCode.NoContent or HttpStatusCode.OK))
        {
            (await pausePaused.Content.ReadAsStringAsync(Cancel)).ShouldBe($"couple {AgentsCouple} is paused already: nothing to change (PSE-3)\n");
        }
        else
        {
            (await pausePaused.Content.ReadAsByteArrayAsync(Cancel)).ShouldBeEmpty("PSE-3: a success has no body");
        }

        pause.StatusCode.ShouldBe(HttpStatusCode.NoContent, "PSE-1: a pause that changes something succeeds");
        resume.StatusCode.ShouldBe(HttpStatusCode.NoContent, "PSE-1: a resume that changes something succeeds");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound, "PSE-4: an unknown couple is not unchangedPauseStatus");
        recorder.Recorder.Find(AgentsCouple)!.History.Count.ShouldBe(1, "one pause, one resume: the requests that changed nothing changed nothing");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NoContent, HttpStatusCode.NoContent)]
    [InlineData("pauseStatus=200", HttpStatusCode.OK, HttpStatusCode.NoContent)]
    [InlineData("pauseStatus=200,unchangedPauseStatus=200", HttpStatusCode.OK, HttpStatusCode.OK)]
    public async Task PSE_3_pauseStatus_is_the_answer_to_a_pause_or_resume_that_changes_the_couple_with_no_body(string? settings, HttpStatusCode change, HttpStatusCode noChange)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(settings?.Split(',') ?? [])), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var pause = await client.PauseAsync(AgentsCouple);
        var pausePaused = await client.PauseAsync(AgentsCouple);
        var resume = await client.ResumeAsync(AgentsCouple);

        pause.StatusCode.ShouldBe(change, $"PSE-3 under {settings ?? "the default"}: a pause");
        resume.StatusCode.ShouldBe(change, "PSE-3: a resume");
        pausePaused.StatusCode.ShouldBe(noChange, "PSE-3: a pause that changes nothing is unchangedPauseStatus's");
        (await pause.Content.ReadAsByteArrayAsync(Cancel)).ShouldBeEmpty("PSE-3: no body");
        if (change == HttpStatusCode.OK)
        {
            pause.Content.Headers.ContentLength.ShouldBe(0, "a 200 says its body is empty");
        }
        recorder.Recorder.Find(AgentsCouple)!.History.Count.ShouldBe(1, "one pause, one resume");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.NotFound)]
    [InlineData("unknownPathStatus=404", HttpStatusCode.NotFound)]
    [InlineData("unknownPathStatus=400", HttpStatusCode.BadRequest)]
    [InlineData("unknownPathStatus=403", HttpStatusCode.Forbidden)]
    public async Task GEN_1_unknownPathStatus_is_the_answer_to_unknown_paths_under_callrec_and_to_nothing_else(string? setting, HttpStatusCode expected)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var unknown = await client.SendAsync(HttpMethod.Get, "/callrec/restful/couples.json");
        var unknownPost = await client.SendAsync(HttpMethod.Post, "/callrec/nothing.do");
        var outside = await client.SendAsync(HttpMethod.Get, "/nothing/here.do");
        var unknownCouple = await client.DetailsAsync(99999);
        var wrongMethod = await client.SendAsync(HttpMethod.Delete, LegacyClient.CouplesPath);

        unknown.StatusCode.ShouldBe(expected, $"GEN-1 under {setting ?? "the default"}");
        (await unknown.Content.ReadAsStringAsync(Cancel)).ShouldBe("no resource at /callrec/restful/couples.json (GEN-1)\n");
        unknownPost.StatusCode.ShouldBe(expected, "GEN-1 whatever the method");
        outside.StatusCode.ShouldBe(HttpStatusCode.NotFound, "outside /callrec the host answers, not the recorder");
        unknownCouple.StatusCode.ShouldBe(HttpStatusCode.NotFound, "DET-3: an unknown couple is not an unknown path");
        wrongMethod.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, "GEN-2 is not unknownPathStatus");
    }

    [Theory]
    [InlineData(null, HttpStatusCode.MethodNotAllowed)]
    [InlineData("methodNotAllowedStatus=405", HttpStatusCode.MethodNotAllowed)]
    [InlineData("methodNotAllowedStatus=404", HttpStatusCode.NotFound)]
    [InlineData("methodNotAllowedStatus=400", HttpStatusCode.BadRequest)]
    public async Task GEN_2_methodNotAllowedStatus_is_the_answer_to_a_known_path_with_a_wrong_method_but_GET_on_pausedState(string? setting, HttpStatusCode expected)
    {
        await using var recorder = await FakeRecorder.StartAsync(Small(Profiles.With(setting)), TestContext.Current.CancellationToken);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var wrongMethods = new[]
        {
            await client.SendAsync(HttpMethod.Get, "/callrec/loginAction.do"),
            await client.SendAsync(HttpMethod.Delete, LegacyClient.CouplesPath),
            await client.SendAsync(HttpMethod.Post, $"{LegacyClient.CouplesPath}/{AgentsCouple}"),
            await client.SendAsync(HttpMethod.Delete, PausedState),
        };
        var get = await client.SendAsync(HttpMethod.Get, PausedState);
        var unknown = await client.SendAsync(HttpMethod.Delete, "/callrec/nothing");

        wrongMethods.Select(r => r.StatusCode).ShouldAllBe(status => status == expected, $"GEN-2 under {setting ?? "the default"}");
        (await wrongMethods[1].Content.ReadAsStringAsync(Cancel)).ShouldBe($"DELETE is not allowed on {LegacyClient.CouplesPath} (GEN-2)\n");
        get.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, "PSE-4: GET on pausedState has its own setting");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound, "GEN-1 is not methodNotAllowedStatus");
        (await client.ListAsync()).StatusCode.ShouldBe(HttpStatusCode.OK, "the session survived the refusals");
    }
}
