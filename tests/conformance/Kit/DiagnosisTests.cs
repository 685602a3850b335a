using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// What the diagnosis may claim about a server from replays of one failure: a value only explains a failure that still
/// comes back, and where several values fit alike it does not pick one for the server.
/// </summary>
public sealed class DiagnosisTests
{
    private static readonly WorldSpec World = new(5, [new ModelUser("admin", "pw-admin", true, true, [])], [new CallSpec("5551234", "10021", "10.0.0.5", "10.0.1.21")]);

    /// <summary>The scenario run against a simulator with <paramref name="server"/>'s settings, checked against the default profile, and the diagnosis of its failure.</summary>
    private static async Task<(RunOutcome Outcome, Explanation Explanation)> DiagnoseAsync(KitProfile server, Scenario scenario)
    {
        await using var target = new InProcessTarget();
        target.Control!.ServerProfile = ProfileJson.Write(server with { Name = "recorder" });
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var tolerated = new HashSet<string>(StringComparer.Ordinal);
        var outcome = await runner.RunAsync(scenario, KitProfile.Default, null, tolerated, TestContext.Current.CancellationToken);
        return (outcome, await new Diagnosis(runner, tolerated).ExplainAsync(scenario, outcome, KitProfile.Default, (scenario, outcome), [], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PSE_2_A_failure_that_stops_coming_back_while_the_kit_replays_it_is_put_down_to_no_setting()
    {
        // Arrange: a recorder that answers a bad paused value with an empty 400 until, during the diagnosis, it stops (on a
        // real recorder: the call ended, and every replay then stops before the check)
        var empty = true;
        await using var target = new InProcessTarget((_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return empty && request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/pausedState", StringComparison.Ordinal) && response.StatusCode == System.Net.HttpStatusCode.BadRequest
                ? new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest) { Content = new ByteArrayContent([]) }
                : response;
        }) { InnerHandler = inner });
        var scenario = new Scenario(World, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new SetPausedCommand(0, new CoupleRef(0), Put: false, PausedValue.Garbage, InQuery: false)]);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var tolerated = new HashSet<string>(StringComparer.Ordinal);
        var outcome = await runner.RunAsync(scenario, KitProfile.Default, null, tolerated, TestContext.Current.CancellationToken);
        empty = false;

        // Act
        var explanation = await new Diagnosis(runner, tolerated).ExplainAsync(scenario, outcome, KitProfile.Default, (scenario, outcome), [], TestContext.Current.CancellationToken);

        // Assert
        outcome.Broken.ShouldNotBeNull("PSE-2: the empty 400 fails the check that a refusal carries a message");
        outcome.Broken.Rule.ShouldBe("PSE-2", string.Join("\n", outcome.Trace));
        explanation.Changes.ShouldBeEmpty("no value explains a failure that no longer comes back under the profile it failed against");
        explanation.Profile.ShouldBeNull();
        explanation.Vanished.ShouldBeTrue();
    }

    [Fact]
    public async Task SES_4_A_value_is_found_where_the_answer_it_explains_also_differs_in_its_media_type()
    {
        // Arrange: a recorder that keeps the session id a login names (already learnt by the run), leaves that session as it
        // was after a failed login, and serves its list as application/atom+xml (no value of documentMediaType): the list after a failed login is a 200 the
        // run's profile expects refused, and under failedLoginSession=unchanged that same answer then differs in its
        // media type, a difference of its own
        await using var target = new InProcessTarget((_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            if (Rewriting.IsList(request) && response.Content.Headers.ContentType is { } type)
            {
                type.MediaType = "application/atom+xml";
            }

            return response;
        }) { InnerHandler = inner });
        var kept = KitProfile.Default.With(ProfileSettings.LoginSessionId, "kept").Profile!;
        target.Control!.ServerProfile = ProfileJson.Write(kept.With(ProfileSettings.FailedLoginSession, "unchanged").Profile! with { Name = "recorder" });
        var scenario = new Scenario(World, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new LoginCommand(0, 0, PasswordKind.Wrong, WithCookie: true), new ListCommand(0, FilterSpec.None, FilterSpec.None)]);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var tolerated = new HashSet<string>(StringComparer.Ordinal);
        var outcome = await runner.RunAsync(scenario, kept, null, tolerated, TestContext.Current.CancellationToken);

        // Act
        var explanation = await new Diagnosis(runner, tolerated).ExplainAsync(scenario, outcome, kept, (scenario, outcome), [], TestContext.Current.CancellationToken);

        // Assert
        outcome.Broken.ShouldNotBeNull("SES-4: under the run's profile a failed login logs the session out");
        outcome.Broken.What.ShouldBe("listing without a logged-in session", string.Join("\n", outcome.Trace));
        explanation.Changes.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(["failedLoginSession=unchanged"], string.Join("\n", outcome.Trace));
        explanation.Aside.ShouldNotBeNull("the media type is a difference of its own, reported beside the value");
        explanation.Aside.Broken!.Rule.ShouldBe("LST-1");
    }

    /// <summary>
    /// SES-4: a session the run's profile says a failed login logged out (failedLoginSession=logged-out, inferred) stays
    /// not logged in for that reason through a second failed login that keeps its id: a list then answered 200 differs
    /// on SES-4 and the value is found. The second login took the blame before, and its own rule with it: SES-1 broken, a
    /// documented rule, on an independent recorder that keeps the session logged in after a failed login; or SES-2 after a
    /// login without a cookie on a recorder that answers one without opening a session (it names no session, so it
    /// changes none).
    /// </summary>
    [Theory]
    [InlineData("no login field")]
    [InlineData("a wrong password")]
    [InlineData("the right password without a cookie")]
    public async Task SES_4_A_second_failed_login_does_not_make_the_first_ones_inferred_logout_a_documented_one(string secondLogin)
    {
        // Arrange: a recorder that keeps the id a failed login names and leaves its session logged in, and sets no cookie
        // on a login without one (SES-2: it looks for a cookie before anything else)
        await using var target = new InProcessTarget((_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            if (Rewriting.Is(request, "POST", "/loginAction.do") && !request.Headers.Contains("Cookie"))
            {
                response.Headers.Remove("Set-Cookie");
            }

            return response;
        }) { InnerHandler = inner });
        var kept = KitProfile.Default.With(ProfileSettings.LoginSessionId, "kept").Profile!;
        target.Control!.ServerProfile = ProfileJson.Write(kept.With(ProfileSettings.FailedLoginSession, "unchanged").Profile! with { Name = "recorder" });
        var scenario = new Scenario(World, [
            new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new LoginCommand(0, 0, PasswordKind.Wrong, WithCookie: true),
            secondLogin switch
            {
                "no login field" => new LoginCommand(0, 0, PasswordKind.NoLogin, WithCookie: true),
                "a wrong password" => new LoginCommand(0, 0, PasswordKind.Wrong, WithCookie: true),
                _ => new LoginCommand(0, 0, PasswordKind.Right, WithCookie: false),
            },
            new ListCommand(0, FilterSpec.None, FilterSpec.None)]);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var tolerated = new HashSet<string>(StringComparer.Ordinal);
        var outcome = await runner.RunAsync(scenario, kept, null, tolerated, TestContext.Current.CancellationToken);

        // Act
        var explanation = await new Diagnosis(runner, tolerated).ExplainAsync(scenario, outcome, kept, (scenario, outcome), [], TestContext.Current.CancellationToken);

        // Assert
        outcome.Broken.ShouldNotBeNull("SES-4: under the run's profile the first failed login logs the session out");
        outcome.Broken.What.ShouldBe("listing without a logged-in session", string.Join("\n", outcome.Trace));
        outcome.Broken.Rule.ShouldBe("SES-4", string.Join("\n", outcome.Trace));
        explanation.Changes.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(["failedLoginSession=unchanged"], string.Join("\n", outcome.Trace));
    }

    /// <summary>
    /// SES-4: where a failed login answers with a new id and the client goes on with the one it named, whether that session
    /// is still logged in is failedLoginSession's (inferred) to say; a list then answered 200 was called SES-1 broken.
    /// </summary>
    [Fact]
    public async Task SES_4_A_session_a_failed_login_left_logged_in_while_the_client_kept_its_id_differs_on_SES_4()
    {
        // Arrange: a recorder whose failed login sets a new id and leaves the session it named logged in
        await using var target = new InProcessTarget();
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.FailedLoginSession, "unchanged").Profile! with { Name = "recorder" });
        var scenario = new Scenario(World, [
            new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new LoginCommand(0, 0, PasswordKind.Wrong, WithCookie: true, KeepOldSession: true),
            new ListCommand(0, FilterSpec.None, FilterSpec.None)]);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var tolerated = new HashSet<string>(StringComparer.Ordinal);
        var outcome = await runner.RunAsync(scenario, KitProfile.Default, null, tolerated, TestContext.Current.CancellationToken);

        // Act
        var explanation = await new Diagnosis(runner, tolerated).ExplainAsync(scenario, outcome, KitProfile.Default, (scenario, outcome), [], TestContext.Current.CancellationToken);

        // Assert
        outcome.Broken.ShouldNotBeNull(string.Join("\n", outcome.Trace));
        outcome.Broken.What.ShouldBe("listing without a logged-in session", string.Join("\n", outcome.Trace));
        outcome.Broken.Rule.ShouldBe("SES-4", string.Join("\n", outcome.Trace));
        explanation.Changes.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(["failedLoginSession=unchanged"], string.Join("\n", outcome.Trace));
    }

    /// <summary>
    /// SES-1, LST-5: a recorder that takes a login's fields from the query string too (loginParameters=form-and-query) and
    /// matches phone masks against the calling number alone (maskSide=calling, tried only as a last resort). Under the
    /// run's profile the list after such a login is one without a session, and a 200 for it breaks SES-1; the login's value
    /// lets the replay reach the list's links, which only maskSide explains. The failure was called SES-1 broken, a
    /// documented rule, on a recorder that keeps it.
    /// </summary>
    [Fact]
    public async Task SES_1_A_value_that_gets_past_a_documented_failure_with_a_last_resort_value_beside_it_explains_it()
    {
        // Arrange
        var server = KitProfile.Default.With(ProfileSettings.LoginParameters, "form-and-query").Profile!.With(ProfileSettings.MaskSide, "calling").Profile!;
        var world = new WorldSpec(5, [new ModelUser("agent", "pw-agent", true, true, ["1002?"])], [new CallSpec("5551234", "10021", "10.0.0.5", "10.0.1.21")]);
        var scenario = new Scenario(world, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true, InQuery: true), new ListCommand(0, FilterSpec.None, FilterSpec.None)]);

        // Act
        var (outcome, explanation) = await DiagnoseAsync(server, scenario);

        // Assert
        var trace = string.Join("\n", outcome.Trace);
        (outcome.Broken?.Rule, outcome.Broken?.Documented).ShouldBe(("SES-1", true), trace);
        explanation.Changes.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(["loginParameters=form-and-query", "maskSide=calling"], trace);
    }

    /// <summary>
    /// SES-1, LST-5: the same recorder leaving out of a list what the masks do not match (unseenCouples=omitted, a guessed
    /// setting) and matching them against the called number alone (maskSide=called, a last resort): past the login's
    /// value, the omission is the next value the search follows, and only then does the list's last difference need the
    /// last resort. Tried only beside the first value, the failure was called SES-1 broken (an independent recorder,
    /// maskSide=called with unseenCouples=omitted, seed 22).
    /// </summary>
    [Fact]
    public async Task SES_1_A_chain_of_two_values_that_gets_past_a_documented_failure_with_a_last_resort_value_beside_it_explains_it()
    {
        // Arrange: a couple only its calling number puts within the masks, one its called number, one neither
        var server = KitProfile.Default.With(ProfileSettings.LoginParameters, "form-and-query").Profile!.With(ProfileSettings.UnseenCouples, "omitted").Profile!
            .With(ProfileSettings.MaskSide, "called").Profile!;
        var world = new WorldSpec(5, [new ModelUser("agent", "pw-agent", true, true, ["1001?"])],
            [new CallSpec("10011", "5550000", "10.0.0.5", "10.0.1.21"), new CallSpec("5551111", "10012", "10.0.0.6", "10.0.1.22"), new CallSpec("5552222", "5553333", "10.0.0.7", "10.0.1.23")]);
        var scenario = new Scenario(world, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true, InQuery: true), new ListCommand(0, FilterSpec.None, FilterSpec.None)]);

        // Act
        var (outcome, explanation) = await DiagnoseAsync(server, scenario);

        // Assert
        var trace = string.Join("\n", outcome.Trace);
        (outcome.Broken?.Rule, outcome.Broken?.Documented).ShouldBe(("SES-1", true), trace);
        explanation.Changes.Select(c => $"{c.Setting}={c.ServerValue}").Order(StringComparer.Ordinal).ToList().ShouldBe(["loginParameters=form-and-query", "maskSide=called", "unseenCouples=omitted"], customMessage: trace);
    }

    /// <summary>
    /// SES-1, LST-5: the same recorder matching masks against the calling number alone and against every leg of a call
    /// (maskSide=calling, maskScope=call, both tried only as a last resort): past the login's value the list's links need
    /// both, one leading to a failure only the other explains. One last-resort value was tried, and the failure was called
    /// SES-1 broken (an independent recorder, maskSide=calling with maskScope=call).
    /// </summary>
    [Fact]
    public async Task SES_1_A_value_that_gets_past_a_documented_failure_with_two_last_resort_values_beside_it_explains_it()
    {
        // Arrange: a call whose legs only its called number puts within the masks, and one a calling number puts there
        var server = KitProfile.Default.With(ProfileSettings.LoginParameters, "form-and-query").Profile!.With(ProfileSettings.MaskSide, "calling").Profile!.With(ProfileSettings.MaskScope, "call").Profile!;
        var world = new WorldSpec(5, [new ModelUser("agent", "pw-agent", true, true, ["1002?"])], []);
        var scenario = new Scenario(world,
        [
            new StartCallCommand(new CallSpec("5551234", "10021", "10.0.0.5", "10.0.1.21")),
            new StartCallCommand(new CallSpec("5559999", "2000", "10.0.0.6", "10.0.1.22"), new CoupleRef(0)),
            new StartCallCommand(new CallSpec("10024", "4000", "10.0.0.7", "10.0.1.23")),
            new StartCallCommand(new CallSpec("5550000", "5000", "10.0.0.8", "10.0.1.24"), new CoupleRef(2)),
            new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true, InQuery: true),
            new ListCommand(0, FilterSpec.None, FilterSpec.None),
        ]);

        // Act
        var (outcome, explanation) = await DiagnoseAsync(server, scenario);

        // Assert
        var trace = string.Join("\n", outcome.Trace);
        (outcome.Broken?.Rule, outcome.Broken?.Documented).ShouldBe(("SES-1", true), trace);
        explanation.Changes.Select(c => $"{c.Setting}={c.ServerValue}").Order(StringComparer.Ordinal).ToList().ShouldBe(["loginParameters=form-and-query", "maskScope=call", "maskSide=calling"], customMessage: trace);
    }

    /// <summary>
    /// SES-1: a recorder that reads a login from the query string but logs another user in breaks SES-1; the login's value
    /// gets past the failed check to links no value of any setting explains, so the break stands.
    /// </summary>
    [Fact]
    public async Task SES_1_A_login_from_the_query_that_logs_another_user_in_stays_broken()
    {
        // Arrange: a recorder that logs admin in for agent's login in the query string
        await using var target = new InProcessTarget((_, inner) => new Rewriting(async (request, send) =>
        {
            if (Rewriting.Is(request, "POST", "/loginAction.do") && request.RequestUri!.Query.Contains("login=agent", StringComparison.Ordinal))
            {
                request.RequestUri = new Uri(request.RequestUri.GetLeftPart(UriPartial.Path) + "?login=admin&password=pw-admin");
            }

            return await send(request);
        }) { InnerHandler = inner });
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.LoginParameters, "form-and-query").Profile! with { Name = "recorder" });
        var world = new WorldSpec(5, [new ModelUser("agent", "pw-agent", true, true, ["1002?"]), new ModelUser("admin", "pw-admin", true, true, [])], [new CallSpec("5551234", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550000", "20030", "10.0.0.6", "10.0.1.22")]);
        var scenario = new Scenario(world, [new LoginCommand(0, 1, PasswordKind.Right, WithCookie: true, InQuery: true), new ListCommand(0, FilterSpec.None, FilterSpec.None)]);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var tolerated = new HashSet<string>(StringComparer.Ordinal);
        var outcome = await runner.RunAsync(scenario, KitProfile.Default, null, tolerated, TestContext.Current.CancellationToken);

        // Act
        var explanation = await new Diagnosis(runner, tolerated).ExplainAsync(scenario, outcome, KitProfile.Default, (scenario, outcome), [], TestContext.Current.CancellationToken);

        // Assert
        var trace = string.Join("\n", outcome.Trace);
        trace.ShouldContain("login(agent", Case.Sensitive, trace);
        (outcome.Broken?.Rule, outcome.Broken?.Documented).ShouldBe(("SES-1", true), trace);
        explanation.Profile.ShouldBeNull(trace);
    }

    /// <summary>
    /// SES-1, LST-5: a recorder that breaks LST-5 (a self link for a couple its details refuse) and reads a login from the
    /// query string too. Under loginParameters=form-and-query the list after such a login meets the LST-5 break, which the
    /// run reported already: the value explains the SES-1 failure all the same. Left out, SES-1 was reported broken too.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SES_1_A_value_whose_replay_meets_a_break_reported_already_explains_the_failure(bool reported)
    {
        // Arrange: every couple listed with a self link, to every user
        await using var target = new InProcessTarget((_, inner) => new Rewriting(async (request, send) =>
        {
            var answer = await send(request);
            var origin = request.RequestUri!.GetLeftPart(UriPartial.Authority);
            return Rewriting.IsList(request)
                ? await Rewriting.WithXml(answer, root =>
                {
                    foreach (var couple in root.Elements().Where(e => !e.Elements().Any(l => l.Name.LocalName == "link")))
                    {
                        couple.Add(new System.Xml.Linq.XElement(System.Xml.Linq.XName.Get("link", "http://www.w3.org/2005/Atom"), new System.Xml.Linq.XAttribute("rel", "self"), new System.Xml.Linq.XAttribute("type", "application/xml"), new System.Xml.Linq.XAttribute("href", $"{origin}/callrec/restful/couples.xml/{couple.Attribute("id")!.Value}")));
                    }
                })
                : answer;
        }) { InnerHandler = inner });
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.LoginParameters, "form-and-query").Profile! with { Name = "recorder" });
        var world = new WorldSpec(5, [new ModelUser("agent", "pw-agent", true, true, ["1002?"])], [new CallSpec("5551234", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550000", "20030", "10.0.0.6", "10.0.1.22")]);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var tolerated = new HashSet<string>(StringComparer.Ordinal);
        var inForm = await runner.RunAsync(new Scenario(world, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new ListCommand(0, FilterSpec.None, FilterSpec.None)]), KitProfile.Default, null, tolerated, TestContext.Current.CancellationToken);
        var scenario = new Scenario(world, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true, InQuery: true), new ListCommand(0, FilterSpec.None, FilterSpec.None)]);
        var outcome = await runner.RunAsync(scenario, KitProfile.Default, null, tolerated, TestContext.Current.CancellationToken);
        var breaks = reported ? new HashSet<string> { RuleLedger.Signature(inForm.Broken!) } : [];

        // Act
        var explanation = await new Diagnosis(runner, tolerated) { KnownBreaks = breaks }.ExplainAsync(scenario, outcome, KitProfile.Default, (scenario, outcome), [], TestContext.Current.CancellationToken);

        // Assert
        var trace = string.Join("\n", outcome.Trace);
        (inForm.Broken?.Rule, inForm.Broken?.Documented).ShouldBe(("LST-5", true), string.Join("\n", inForm.Trace));
        (outcome.Broken?.Rule, outcome.Broken?.Documented).ShouldBe(("SES-1", true), trace);
        explanation.Changes.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(reported ? ["loginParameters=form-and-query"] : [], trace);
    }

    [Fact]
    public async Task PSE_3_Two_values_that_fit_a_refused_PUT_body_alike_are_both_named()
    {
        // Arrange: a recorder that reads paused from a POST's form body and from the query, not from a PUT's body
        await using var target = new InProcessTarget();
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.PausedLocation, "post-form-and-query").Profile! with { Name = "recorder" });
        var scenario = new Scenario(World, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new SetPausedCommand(0, new CoupleRef(0), Put: true, PausedValue.True, InQuery: false)]);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var tolerated = new HashSet<string>(StringComparer.Ordinal);
        var outcome = await runner.RunAsync(scenario, KitProfile.Default, null, tolerated, TestContext.Current.CancellationToken);

        // Act
        var explanation = await new Diagnosis(runner, tolerated).ExplainAsync(scenario, outcome, KitProfile.Default, (scenario, outcome), [], TestContext.Current.CancellationToken);

        // Assert
        outcome.Broken.ShouldNotBeNull("PSE-3: under the default profile a PUT's body is read");
        var named = explanation.Changes.Concat(explanation.Alternatives).Select(c => $"{c.Setting}={c.ServerValue}").ToList();
        named.ShouldContain("pausedLocation=post-form-and-query", string.Join("\n", outcome.Trace));
        named.ShouldContain("pausedLocation=query", "a server that reads only the query answers this scenario alike");
        explanation.Vanished.ShouldBeFalse();
    }

    [Fact]
    public async Task PSE_2_A_value_whose_one_form_of_the_step_another_setting_explains_is_found_with_that_setting()
    {
        // Arrange: a lenient recorder that joins repeated paused values into one ("true,false", no boolean: a resume), and a
        // run that took it for one reading only the query (a scenario with both values in the body fitted that alike). A
        // pause in the body now shows the guess wrong; back at the profile's location, the form of that step with paused in
        // the body and the query breaks PSE-1 unless the values are joined: both settings together are the answer.
        await using var target = new InProcessTarget();
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.JaxRsLenient.With(ProfileSettings.RepeatedPaused, "joined").Profile! with { Name = "recorder" });
        var guessed = KitProfile.JaxRsLenient.With(ProfileSettings.PausedLocation, "query").Profile!;
        var login = new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true);
        var earlier = new Scenario(World, [login, new SetPausedCommand(0, new CoupleRef(0), Put: false, PausedValue.Conflicting, InQuery: false)]);
        var scenario = new Scenario(World, [login, new SetPausedCommand(0, new CoupleRef(0), Put: false, PausedValue.True, InQuery: false)]);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var tolerated = new HashSet<string>(StringComparer.Ordinal);
        var outcome = await runner.RunAsync(scenario, guessed, null, tolerated, TestContext.Current.CancellationToken);

        // Act
        var explanation = await new Diagnosis(runner, tolerated).ExplainAsync(scenario, outcome, guessed, (scenario, outcome), [earlier], TestContext.Current.CancellationToken);

        // Assert
        outcome.Broken.ShouldNotBeNull("PSE-3: under pausedLocation=query a paused in the body is not read");
        explanation.Changes.Select(c => $"{c.Setting}={c.ServerValue}").Order(StringComparer.Ordinal).ToList().ShouldBe(["pausedLocation=form-and-query", "repeatedPaused=joined"], customMessage: string.Join("\n", outcome.Trace));
        explanation.FitsAll.ShouldBeTrue("the earlier scenario passes under both settings too");
    }

    /// <summary>
    /// PSE-2, PSE-3: a recorder that reads conflicting paused values as the first and answers a pause 200 needs two
    /// settings to describe its answer to <c>paused=true&amp;paused=false</c>. Values that get as far as another value
    /// (pausedLocation=query fails later in the same step too) each get a second value tried, so the two are found, not
    /// "no setting describes it".
    /// </summary>
    [Fact]
    public async Task PSE_2_A_repeated_paused_read_as_the_first_and_a_pause_answered_200_are_named_together()
    {
        // Arrange
        await using var target = new InProcessTarget();
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.RepeatedPaused, "first").Profile!.With(ProfileSettings.PauseStatus, "200").Profile! with { Name = "recorder" });
        var scenario = new Scenario(World, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new SetPausedCommand(0, new CoupleRef(0), Put: false, PausedValue.Conflicting, InQuery: false)]);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var tolerated = new HashSet<string>(StringComparer.Ordinal);
        var outcome = await runner.RunAsync(scenario, KitProfile.Default, null, tolerated, TestContext.Current.CancellationToken);

        // Act
        var explanation = await new Diagnosis(runner, tolerated).ExplainAsync(scenario, outcome, KitProfile.Default, (scenario, outcome), [], TestContext.Current.CancellationToken);

        // Assert
        outcome.Broken.ShouldNotBeNull("PSE-2: the default profile refuses conflicting values");
        explanation.Changes.Select(c => $"{c.Setting}={c.ServerValue}").Order(StringComparer.Ordinal).ToList().ShouldBe(["pauseStatus=200", "repeatedPaused=first"], customMessage: string.Join("\n", outcome.Trace));
    }

    /// <summary>
    /// The progress line of a failure explained by a new value and by the profile's own value of a setting guessed
    /// otherwise before: the new value is the difference, the other is named as an earlier guess that was wrong, never as
    /// something the server "matches" unlike the profile. Where the new value fitted the earlier failure as well as the
    /// guess, this failure was the guess's doing: the earlier failure is the difference, and names the new value.
    /// </summary>
    [Fact]
    public async Task PSE_2_The_progress_tells_a_setting_back_at_the_profiles_own_value_from_a_difference()
    {
        // Arrange: the lenient recorder that joins repeated paused values; seed 2 first guesses pausedLocation=query
        await using var target = new InProcessTarget();
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.JaxRsLenient.With(ProfileSettings.RepeatedPaused, "joined").Profile! with { Name = "recorder" });
        var progress = new StringWriter();

        // Act
        var result = await new ConformanceKit(target, KitProfile.JaxRsLenient, progress) { Seed = 2, Runs = 100 }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var lines = progress.ToString().Split('\n');
        lines.ShouldContain(
            l => l.Contains("an earlier guess was wrong: this server answers as profile 'jaxrs-lenient' has pausedLocation=form-and-query, and differs from it as repeatedPaused=joined, which fitted an earlier failure as well as the guess", StringComparison.Ordinal),
            progress.ToString());
        result.SettingChanges.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(["repeatedPaused=joined"], progress.ToString());
        lines.ShouldNotContain(l => l.Contains("it matches", StringComparison.Ordinal) && l.Contains("matches repeatedPaused=joined, pausedLocation=form-and-query", StringComparison.Ordinal));
        lines.Where(l => l.Contains("it matches", StringComparison.Ordinal)).ShouldAllBe(l => !l.Contains("it matches pausedLocation=form-and-query", StringComparison.Ordinal));
    }

    /// <summary>
    /// A value is only tried where the failed replay read its setting: under any other the model expects the same up to the
    /// check that failed, so the replay would fail alike. On a real recorder paced at five requests a second, every value
    /// of every setting took one and a half minutes to try for a failed login.
    /// </summary>
    [Fact]
    public async Task SES_4_Only_values_of_the_settings_the_failed_replay_read_are_replayed()
    {
        // Arrange: a recorder whose session cookie is not HttpOnly, counting the logins (one a replay)
        var logins = 0;
        await using var target = new InProcessTarget((_, inner) => new Rewriting(async (request, send) =>
        {
            if (Rewriting.Is(request, "POST", "/callrec/loginAction.do"))
            {
                Interlocked.Increment(ref logins);
            }

            return await send(request);
        }) { InnerHandler = inner });
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.SessionCookie, "plain").Profile! with { Name = "recorder" });
        var scenario = new Scenario(World, [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true)]);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var tolerated = new HashSet<string>(StringComparer.Ordinal);
        var outcome = await runner.RunAsync(scenario, KitProfile.Default, null, tolerated, TestContext.Current.CancellationToken);
        var candidates = ProfileSettings.All.Where(s => s.Modelled && s.Guessed).Sum(s => s.StatusValued ? 1 : s.Candidates.Count - 1);
        logins = 0;

        // Act
        var explanation = await new Diagnosis(runner, tolerated).ExplainAsync(scenario, outcome, KitProfile.Default, (scenario, outcome), [], TestContext.Current.CancellationToken);

        // Assert
        outcome.Broken.ShouldNotBeNull("SES-4: the profile expects an HttpOnly cookie");
        outcome.SettingsRead.ShouldNotBeNull();
        outcome.SettingsRead.ShouldContain(ProfileSettings.SessionCookie);
        outcome.SettingsRead.ShouldNotContain(ProfileSettings.FilterMatch, "a login reads nothing of how the list filters");
        explanation.Changes.Select(c => $"{c.Setting}={c.ServerValue}").ShouldBe(["sessionCookie=plain"], string.Join("\n", outcome.Trace));
        logins.ShouldBeLessThan(outcome.SettingsRead.Count * 4, $"{logins} replays for {outcome.SettingsRead.Count} settings read of {candidates} values");
    }

    /// <summary>
    /// LST-6: a server that reads a direction in any case (directionCase=any, which a run never guesses: only --probe
    /// measures it) was said to match directionWithoutValue=ignored, where the scenario could not tell the two apart.
    /// Where a value of such a setting makes the scenario pass as well, it is named beside the value found.
    /// </summary>
    [Fact]
    public async Task LST_6_A_value_only_the_probe_measures_that_fits_as_well_is_named_beside_the_value_found()
    {
        // Arrange: a simulator that reads directions in any case, checked against the default profile (seed 2 meets a
        // failure that directionWithoutValue=ignored explains)
        await using var target = new InProcessTarget();
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.DirectionCase, "any").Profile! with { Name = "server" });

        // Act
        var result = await new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = 2, Runs = 300 }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var failure = result.Rules.Single(r => r.Rule.Id == "LST-6").Failure;
        failure.ShouldNotBeNull(result.Verdict);
        failure.Explained.ShouldContain(c => c.Setting == ProfileSettings.DirectionWithoutValue, failure.Matching);
        failure.Alternatives.ShouldContain(new SettingChange(ProfileSettings.DirectionCase, "exact", "any"), failure.Matching);
        result.Broken.ShouldBeEmpty();
    }

    /// <summary>
    /// A difference found while the run expected a value it later dropped, explained by a value the run ended with: on a
    /// recorder that keeps a session logged in after a failed login (failedLoginSession=unchanged), the run guesses where a
    /// bad parameter is checked before it learns that, and under such a guess 'paused=yes' refused was explained by
    /// pausedParameter=spring, which the recorder does not have (strict). The guess dropped, that difference passes without
    /// its own value, and is withdrawn, with its value. (On an independent recorder the same came of
    /// badDirectionOrder=before-login, and directionWithoutValue=ignored was named.)
    /// </summary>
    [Fact]
    public async Task PSE_2_A_difference_that_only_a_dropped_guess_made_is_withdrawn_with_its_value()
    {
        // Arrange: the in-process simulator as a real recorder, which keeps a session after a failed login
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["1002?"]), new("monitor", "monitor", true, false, [])];
        await using var inner = new InProcessTarget();
        var server = KitProfile.Default.With(ProfileSettings.LoginSessionId, "on-success").Profile!.With(ProfileSettings.FailedLoginSession, "unchanged").Profile!;
        inner.Control!.ServerProfile = ProfileJson.Write(server with { Name = "server" });
        var couples = await inner.Control.ResetAsync(
            new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22"), new CallSpec("5550103", "20023", "10.0.0.7", "10.0.1.11")]),
            TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [.. couples.Select(c => c.Id)], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var progress = new StringWriter();

        // Act
        var result = await new ConformanceKit(recorder, KitProfile.Default, progress) { Seed = 5, Runs = 30, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        progress.ToString().ShouldContain("failed a check of PSE-2", Case.Sensitive, progress.ToString());
        result.Rules.Single(r => r.Rule.Id == "PSE-2").Status.ShouldNotBe(RuleStatus.Differs, result.Verdict + "\n" + progress);
        result.SettingChanges.ShouldNotContain(c => c.Setting == ProfileSettings.PausedParameter, result.Verdict);
        result.SettingChanges.ShouldContain(new SettingChange(ProfileSettings.FailedLoginSession, "logged-out", "unchanged"), result.Verdict);
        result.Broken.ShouldBeEmpty();
    }

    /// <summary>
    /// LST-4: a server that matches a start of a number and lists whole calls (filterMatch=prefix, filterScope=call) answers
    /// a list with two filters as one that joins them by "or" would, where one leg matches both and the other leg of its call
    /// one. The start match alone fits the shrunk scenario, not the one it was shrunk from; both second values fit that.
    /// Only the first found was named: filterJoin=or, where the server joins by "and".
    /// </summary>
    [Fact]
    public async Task LST_4_Two_second_values_of_one_rule_that_fit_alike_are_both_named()
    {
        // Arrange: two legs of one call that share the calling IP; the agent's masks reach the first leg alone
        await using var target = new InProcessTarget();
        var omitted = KitProfile.Default.With(ProfileSettings.UnseenCouples, "omitted").Profile!;
        target.Control!.ServerProfile = ProfileJson.Write(omitted.With(ProfileSettings.FilterMatch, "prefix").Profile!.With(ProfileSettings.FilterScope, "call").Profile! with { Name = "recorder" });
        var world = new WorldSpec(5, [new ModelUser("admin", "pw-admin", true, true, []), new ModelUser("agent", "pw-agent", true, true, ["1*"])], []);
        Command[] calls = [new StartCallCommand(new CallSpec("10012", "2000", "10.0.0.1", "10.0.1.1")), new StartCallCommand(new CallSpec("3000", "4000", "10.0.0.1", "10.0.1.2"), new CoupleRef(0))];
        var agentLists = new ListCommand(0, new FilterSpec(ValueKind.Fragment, 0, null), FilterSpec.None);
        var original = new Scenario(world, [.. calls, new LoginCommand(0, 1, PasswordKind.Right, WithCookie: true), new LoginCommand(1, 0, PasswordKind.Right, WithCookie: true),
            new ListCommand(1, new FilterSpec(ValueKind.Fragment, 0, null), new FilterSpec(ValueKind.Known, 0, null)), agentLists]);
        var scenario = new Scenario(world, [.. calls, new LoginCommand(0, 1, PasswordKind.Right, WithCookie: true), agentLists]);
        var runner = new ScenarioRunner(target, TimeSpan.Zero, null);
        var tolerated = new HashSet<string>(StringComparer.Ordinal);
        var originalOutcome = await runner.RunAsync(original, omitted, null, tolerated, TestContext.Current.CancellationToken);
        var outcome = await runner.RunAsync(scenario, omitted, null, tolerated, TestContext.Current.CancellationToken);

        // Act
        var explanation = await new Diagnosis(runner, tolerated).ExplainAsync(scenario, outcome, omitted, (original, originalOutcome), [], TestContext.Current.CancellationToken);

        // Assert
        var trace = string.Join("\n", originalOutcome.Trace);
        outcome.Broken.ShouldNotBeNull(trace);
        explanation.Changes.Select(c => $"{c.Setting}={c.ServerValue}").ShouldContain("filterMatch=prefix", trace);
        var named = explanation.Changes.Concat(explanation.Alternatives).Select(c => $"{c.Setting}={c.ServerValue}").ToList();
        named.ShouldContain("filterScope=call", $"{string.Join(", ", named)}\n{trace}");
        named.ShouldContain("filterJoin=or", $"{string.Join(", ", named)}\n{trace}");
    }
}
