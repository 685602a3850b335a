using System.Net;
using System.Text.Json;
using PauseResume.Conformance.Cli;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Probe;

public sealed class ProberTests
{
    private static async Task<JsonElement> ProbeAsync(Func<ITarget> target)
    {
        var path = Path.GetTempFileName();
        var output = new StringWriter();
        var exit = await KitCommand.RunAsync(["--probe", path], output, new StringWriter(), target, TestContext.Current.CancellationToken);
        exit.ShouldBe(0, output.ToString());
        var json = JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).RootElement.Clone();
        File.Delete(path);
        return json;
    }

    [Fact]
    public async Task Probing_the_simulator_records_its_default_profile_and_says_what_it_observed()
    {
        var probe = await ProbeAsync(() => new InProcessTarget());

        probe.GetProperty("name").GetString().ShouldBe("probed");
        probe.GetProperty("invalidDirectionStatus").GetString().ShouldBe("404");
        probe.GetProperty("pausedParameter").GetString().ShouldBe("strict");
        probe.GetProperty("refusalOrder").GetString().ShouldBe("call-list-first");
        var settings = probe.GetProperty("probe").GetProperty("settings");
        settings.GetProperty("refusalOrder").GetProperty("observed").GetBoolean().ShouldBeTrue();
        settings.GetProperty("sessionIdleTimeout").GetProperty("observed").GetBoolean().ShouldBeFalse("an idle timeout is not waited out");
    }

    [Theory]
    [InlineData("answers an invalid direction with 400", "invalidDirectionStatus", "400")]
    [InlineData("reads 'pause=true' as the lenient Java server does under the strict profile", "pausedParameter", "jaxrs-lenient")]
    public async Task Probing_a_different_server_records_its_behaviour_as_settings(string deviantName, string setting, string value)
    {
        var deviant = DeviantRecorders.All.Single(d => d.Name == deviantName);

        var probe = await ProbeAsync(() => new InProcessTarget(deviant.Wrap));

        probe.GetProperty(setting).GetString().ShouldBe(value);
    }

    [Fact]
    public async Task The_simulator_loads_a_probed_profile()
    {
        var deviant = DeviantRecorders.All.Single(d => d.Name == "answers an invalid direction with 400");
        var path = Path.GetTempFileName();
        await KitCommand.RunAsync(["--probe", path], new StringWriter(), new StringWriter(), () => new InProcessTarget(deviant.Wrap), TestContext.Current.CancellationToken);

        var options = CommandLine.Parse(["--profile-file", path], FakeRecorder.Epoch, out var error);
        File.Delete(path);

        error.ShouldBeNull();
        options!.World.Profile.InvalidDirectionStatus.ShouldBe(400);
    }

    /// <summary>A recorder whose answers to the requests <paramref name="hit"/> picks are 503 (nothing handled).</summary>
    private static Func<ITarget> Unavailable(Func<HttpRequestMessage, int, bool> hit)
    {
        var sent = new System.Runtime.CompilerServices.StrongBox<int>();
        return () => new InProcessTarget((_, inner) => new Rewriting(async (request, send) =>
            request.RequestUri!.AbsolutePath.StartsWith("/callrec/", StringComparison.Ordinal) && hit(request, Interlocked.Increment(ref sent.Value))
                ? new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { Content = new StringContent("Service Unavailable") }
                : await send(request)) { InnerHandler = inner });
    }

    [Fact]
    public async Task A_503_during_the_probe_is_sent_again_and_the_probe_records_what_it_would_have()
    {
        // Arrange: every fifth API request is answered 503 once
        var path = Path.GetTempFileName();
        var output = new StringWriter();
        var errors = new StringWriter();

        // Act
        var exit = await KitCommand.RunAsync(["--probe", path], output, errors, Unavailable((_, n) => n % 5 == 0), TestContext.Current.CancellationToken);
        var probe = JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).RootElement.Clone();
        File.Delete(path);

        // Assert
        exit.ShouldBe(0, $"a 503 now and then is no unreachable target\n{output}\n{errors}");
        output.ToString().ShouldMatch(@"\d+ request\(s\) met a fault .* and were sent again");
        probe.GetProperty("invalidDirectionStatus").GetString().ShouldBe("404", "LST-6: observed on the answer sent again");
        probe.GetProperty("refusalOrder").GetString().ShouldBe("call-list-first");
        probe.GetProperty("failedLoginSession").GetString().ShouldBe(KitProfile.Default[ProfileSettings.FailedLoginSession]);
    }

    [Fact]
    public async Task A_probe_request_that_meets_a_fault_each_time_it_is_sent_ends_the_run_as_a_fault_exit_5()
    {
        // Arrange: every logout is answered 503
        var path = Path.GetTempFileName();
        var errors = new StringWriter();

        // Act
        var exit = await KitCommand.RunAsync(["--probe", path], TextWriter.Null, errors, Unavailable((r, _) => r.RequestUri!.AbsolutePath.EndsWith("/logoutAction.do", StringComparison.Ordinal)), TestContext.Current.CancellationToken);
        File.Delete(path);

        // Assert
        exit.ShouldBe(KitResult.ExitFaulted, errors.ToString());
        errors.ToString().ShouldContain("met a fault each time it was sent");
        errors.ToString().ShouldContain("POST /callrec/logoutAction.do");
    }

    [Fact]
    public async Task A_real_recorder_whose_logouts_answer_503_while_it_is_observed_ends_the_run_as_a_fault_not_an_unreachable_target()
    {
        // Arrange: a recorder (the simulator without its control API) whose every logout is answered 503
        await using var recorder = await StandaloneSimulator.StartAsync("--no-control", "--fault", "status,name=down,path=/callrec/logoutAction.do,status=503,probability=1");
        var errors = new StringWriter();

        // Act
        var exit = await KitCommand.RunAsync(["--target", recorder.Address.AbsoluteUri, "--account", "admin:admin:list,pause", "--runs", "3"], TextWriter.Null, errors, cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        exit.ShouldBe(KitResult.ExitFaulted, errors.ToString());
        errors.ToString().ShouldContain("POST /callrec/logoutAction.do: answered 503");
    }

    [Fact]
    public async Task PSE_2_The_probe_does_not_send_its_misspelt_pause_to_a_paused_couple_of_a_real_recorder()
    {
        // Arrange: a lenient recorder (the simulator without its control API) whose allowed couple an agent has put on hold
        await using var recorder = await StandaloneSimulator.StartAsync("--no-control", "--profile", "jaxrs-lenient");
        using var http = new HttpClient { BaseAddress = recorder.Address };
        var agent = new PauseResume.Conformance.Wire.Wire(http, TimeSpan.Zero, TimeProvider.System);
        await agent.LoginAsync(0, new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []), TestContext.Current.CancellationToken);
        (await agent.SendAsync(0, HttpMethod.Post, "callrec/restful/couples.xml/24197/pausedState", "paused=true", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);
        var path = Path.GetTempFileName();
        var output = new StringWriter();

        // Act
        var exit = await KitCommand.RunAsync(
            ["--target", recorder.Address.AbsoluteUri, "--account", "admin:admin:list,pause", "--allow-pause", "--couple", "24197", "--probe", path],
            output, new StringWriter(), cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        exit.ShouldBe(0, output.ToString());
        var setting = JsonDocument.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).RootElement.GetProperty("probe").GetProperty("settings").GetProperty("pausedParameter");
        File.Delete(path);
        setting.GetProperty("observed").GetBoolean().ShouldBeFalse("PSE-2: 'pause=true' would resume an agent's hold for a moment on this lenient recorder");
        setting.GetProperty("how").GetString().ShouldNotBeNull().ShouldContain("couple 24197 is paused now");
    }

    [Fact]
    public async Task PSE_3_A_probe_cut_short_by_a_fault_after_it_paused_a_couple_still_puts_it_back()
    {
        // Arrange: a lenient recorder (observed only, as a real one) whose details stop answering once a pause was taken
        var paused = new System.Runtime.CompilerServices.StrongBox<bool>();
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            if (paused.Value && request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith("/24197", StringComparison.Ordinal))
            {
                return new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { Content = new StringContent("down") };
            }

            var response = await send(request);
            paused.Value |= Rewriting.IsPausedState(request) && response.StatusCode == System.Net.HttpStatusCode.NoContent
                && (request.RequestUri!.Query.Contains("paused=true", StringComparison.Ordinal) || (await Rewriting.FormOf(request)).Contains("paused=true", StringComparison.Ordinal));
            return response;
        }) { InnerHandler = handler });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.JaxRsLenient);
        var accounts = new[] { new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []) };
        var couples = await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var id = couples.Single().Id;
        id.ShouldBe(24197);

        // Act
        var probe = () => new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [id], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        await Should.ThrowAsync<PauseResume.Conformance.Wire.StepFaultException>(probe, "the details met a fault each time they were read");
        paused.Value.ShouldBeTrue("the probe paused the couple to tell where paused is read");
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).Single(c => c.Id == id).Paused.ShouldBeFalse("PSE-1: put back recording, as found");
    }
    [Fact]
    public async Task PSE_2_A_strict_recorder_that_takes_pause_for_paused_is_not_probed_as_lenient()
    {
        // Arrange: a strict recorder that reads the vendor text's 'pause' as 'paused' (pause=true pauses)
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
            Rewriting.IsPausedState(request) && (await Rewriting.FormOf(request)).Split('&').FirstOrDefault(p => p.StartsWith("pause=", StringComparison.Ordinal)) is { } alias
                ? await send(Rewriting.WithForm(request, "paused=" + alias["pause=".Length..]))
                : await send(request)) { InnerHandler = handler });
        var accounts = new[] { new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []) };
        var couples = await inner.Control!.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [couples.Single().Id], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        System.Text.Json.JsonDocument.Parse(probe.Json).RootElement.GetProperty("pausedParameter").GetString().ShouldBe("strict", summary);
        summary.ShouldContain("reads 'pause' as 'paused'", Case.Sensitive);
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).Single().Paused.ShouldBeFalse("PSE-1: put back recording, as found");
    }

    /// <summary>
    /// PSE-2: a recorder that answers 204 for a couple it does not know (unknownCoupleStatus=204, a resource returning
    /// null) and judges paused after the access checks refuses a bad paused of an unknown couple as it answers a good one.
    /// </summary>
    [Fact]
    public async Task PSE_2_Under_unknownCoupleStatus_204_badPausedOrder_after_access_is_observed()
    {
        // Arrange
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.UnknownCoupleStatus, "204").Profile! with { Name = "recorder" });
        var accounts = new[] { new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []) };
        var couples = await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [couples.Single().Id], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty(ProfileSettings.UnknownCoupleStatus).GetString().ShouldBe("204", summary);
        json.GetProperty("probe").GetProperty("settings").GetProperty(ProfileSettings.BadPausedOrder).GetProperty("observed").GetBoolean().ShouldBeTrue(summary);
        json.GetProperty(ProfileSettings.BadPausedOrder).GetString().ShouldBe("after-access", summary);
    }

    /// <summary>
    /// PSE-2, PSE-3 (inferred): a recorder that reads paused from the query string alone finds no paused in a form, so the
    /// probe's good value in a form is refused as the bad one is. The good value sent in the query string tells where the
    /// bad one is checked, without --allow-pause (a run against the file then names a form resume refused 400 by an account
    /// without the right to pause, which a profile of the other order expects 403 of). The after-access case passed before
    /// the query string was tried too (the form's 400 is then after-access's own answer): a guard that it still does.
    /// </summary>
    [Theory]
    [InlineData("after-login")]
    [InlineData("before-couple")]
    [InlineData("after-access")]
    public async Task PSE_2_On_a_recorder_that_reads_paused_from_the_query_alone_badPausedOrder_is_observed(string badPausedOrder)
    {
        // Arrange
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.PausedLocation, "query").Profile!
            .With(ProfileSettings.BadPausedOrder, badPausedOrder).Profile! with { Name = "recorder" });
        var accounts = new[]
        {
            new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []),
            new PauseResume.Conformance.Model.ModelUser("kiosk", "kiosk-pw", false, false, []),
        };
        var couples = await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act: no --allow-pause, so where paused is read is not probed
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty(ProfileSettings.BadPausedOrder).GetString().ShouldBe(badPausedOrder, summary);
    }

    [Theory]
    [InlineData("after-access")]
    [InlineData("after-login")]
    public async Task PSE_2_With_a_main_account_that_has_phone_masks_badPausedOrder_is_told_under_masks_first(string badPausedOrder)
    {
        // Arrange: every account with Call List has phone masks, so an unknown couple is refused 403 (masks-first)
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.RefusalOrder, "masks-first").Profile!
            .With(ProfileSettings.BadPausedOrder, badPausedOrder).Profile! with { Name = "recorder" });
        var accounts = new[]
        {
            new PauseResume.Conformance.Model.ModelUser("agent", "agent-pw", true, true, ["555*"]),
            new PauseResume.Conformance.Model.ModelUser("viewer", "viewer-pw", true, false, ["0000000"]),
            new PauseResume.Conformance.Model.ModelUser("kiosk", "kiosk-pw", false, false, []),
        };
        var couples = await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [couples.Single().Id], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty(ProfileSettings.RefusalOrder).GetString().ShouldBe("masks-first", summary);
        json.GetProperty("probe").GetProperty("settings").GetProperty(ProfileSettings.BadPausedOrder).GetProperty("observed").GetBoolean().ShouldBeTrue(summary);
        json.GetProperty(ProfileSettings.BadPausedOrder).GetString().ShouldBe(badPausedOrder, summary);
    }

    /// <summary>
    /// DET-3, PSE-4: masks-first refuses a masked account's unknown couple with outsideAccessStatus; where that is the
    /// unknown couple's own 404, it answers every request of the probe as call-list-first does, so that order is taken,
    /// not proven, and a run may still name masks-first.
    /// </summary>
    [Theory]
    [InlineData("call-list-first", true)]
    [InlineData("masks-first", false)]
    public async Task DET_3_Under_outsideAccessStatus_404_call_list_first_is_not_proven_against_masks_first(string refusalOrder, bool proven)
    {
        // Arrange
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.RefusalOrder, refusalOrder).Profile!
            .With(ProfileSettings.OutsideAccessStatus, proven ? "403" : "404").Profile! with { Name = "recorder" });
        // Act: the second couple is outside agent's masks, so outsideAccessStatus is seen
        var probe = await ProbeFourAccountsAsync(inner);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty(ProfileSettings.OutsideAccessStatus).GetString().ShouldBe(proven ? "403" : "404", summary);
        json.GetProperty(ProfileSettings.RefusalOrder).GetString().ShouldBe("call-list-first", summary);
        json.GetProperty("probe").GetProperty("settings").GetProperty(ProfileSettings.RefusalOrder).GetProperty("observed").GetBoolean().ShouldBe(proven, summary);
    }

    /// <summary>
    /// DET-3, PSE-4: a recorder that refuses an account without the pause right an unknown couple's pause (403) looks like
    /// rights-first, but one that also refuses an account with the pause right and phone masks 403 checks the masks before
    /// the lookup too (rights-and-masks-first): the probe had written rights-first down as observed from the masked
    /// account's details alone, and a run against that file could try no other value. (An independent recorder checked
    /// them so; it fitted no value until rights-and-masks-first was one.) Under outsideAccessStatus=403, so that a couple
    /// outside the masks is seen refused otherwise than an unknown one (404): where it is 404 too, the two orders answer alike.
    /// Here the masked account's details of the unknown couple got 404, which rights-and-masks-first answers only where a
    /// couple outside the masks gets 404 too: seen refused 403, no value fits, and none is written as observed.
    /// </summary>
    [Theory]
    [InlineData(false, "rights-first")]
    [InlineData(true, null)]
    public async Task PSE_4_rights_first_is_observed_only_where_a_masked_account_with_the_pause_right_gets_the_unknown_couples_status(bool masksBeforeLookup, string? observed) =>
        await ProbesAnOrderAsync("rights-first", "403", masksBeforeLookup ? "agent" : null, observed, masksBeforeLookup ? "what was seen fits no value" : "agent (pause right, phone masks) pausing it gets 404");

    /// <summary>
    /// DET-3, PSE-4: masks-first, seen in a masked account's 403 for an unknown couple's details, looks the couple up
    /// before the pause right; a recorder that refuses an account with neither masks nor the pause right 403 there checks
    /// the pause right before the lookup as well: rights-and-masks-first.
    /// </summary>
    [Theory]
    [InlineData(false, "masks-first")]
    [InlineData(true, "rights-and-masks-first")]
    public async Task PSE_4_masks_first_is_observed_only_where_an_account_without_masks_or_the_pause_right_gets_the_unknown_couples_status(bool rightsBeforeLookup, string observed) =>
        await ProbesAnOrderAsync("masks-first", "403", rightsBeforeLookup ? "viewer" : null, observed, rightsBeforeLookup ? "viewer (Call List, no pause right, no phone masks) pausing it gets 403" : "viewer (Call List, no pause right, no phone masks) pausing it gets 404");

    /// <summary>
    /// DET-3, PSE-4: a recorder under rights-and-masks-first is written down as such where the answers tell it: with
    /// outsideAccessStatus=403 the masked account's details, with 404 its pause (outsidePauseStatus=403) or, where that too
    /// is the unknown couple's 404, not proven until a couple outside the masks is seen refused otherwise, which here it
    /// is not: rights-first is taken and a run may still name the other.
    /// </summary>
    [Theory]
    [InlineData("403", "as-details", "rights-and-masks-first", true)]
    [InlineData("404", "403", "rights-and-masks-first", true)]
    [InlineData("404", "as-details", "rights-first", false)]
    public async Task PSE_4_rights_and_masks_first_is_told_where_the_answers_tell(string outsideAccessStatus, string outsidePauseStatus, string written, bool observed)
    {
        // Arrange
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.RefusalOrder, "rights-and-masks-first").Profile!
            .With(ProfileSettings.OutsideAccessStatus, outsideAccessStatus).Profile!.With(ProfileSettings.OutsidePauseStatus, outsidePauseStatus).Profile! with { Name = "recorder" });

        // Act
        var probe = await ProbeFourAccountsAsync(inner);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty(ProfileSettings.RefusalOrder).GetString().ShouldBe(written, summary);
        json.GetProperty("probe").GetProperty("settings").GetProperty(ProfileSettings.RefusalOrder).GetProperty("observed").GetBoolean().ShouldBe(observed, summary);
        json.GetProperty(ProfileSettings.OutsideAccessStatus).GetString().ShouldBe(outsideAccessStatus, summary);
    }

    /// <summary>
    /// DET-3, PSE-4: where the only account with phone masks is the main one, its own answers tell whether the masks come
    /// before the lookup (the probe had written rights-first, or call-list-first, down as observed while the main account's
    /// 403 for an unknown couple fitted neither); and an account whose login did not take (a recorder that keeps a user's
    /// first session) tells nothing by its 403s, which rights-and-masks-first was written down from.
    /// </summary>
    /// <remarks>
    /// Under call-list-first the main account's 404 for an unknown couple is what masks-first answers too where a couple
    /// outside the masks gets 404, which no other masked account can show here: taken, not proven.
    /// </remarks>
    [Theory]
    [InlineData("rights-and-masks-first", false, "rights-and-masks-first", true)]
    [InlineData("masks-first", false, "masks-first", true)]
    [InlineData("masks-first", true, "masks-first", false)]
    [InlineData("call-list-first", false, "call-list-first", false)]
    public async Task PSE_4_A_main_account_with_masks_tells_the_masks_before_the_lookup_and_a_login_that_did_not_take_tells_nothing(string order, bool viewersLaterLoginsFail, string written, bool observed)
    {
        // Arrange: the main account alone has masks; viewer (Call List, no pause right, no masks) logs in once, and its
        // later logins may not take (a recorder that keeps a user's first session, say): everything in them is refused 403
        var logins = 0;
        var refusedSessions = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        await using var inner = new InProcessTarget((_, handler) => new Support.Rewriting(async (request, send) =>
        {
            var viewerLogin = Support.Rewriting.Is(request, "POST", "/loginAction.do") && request.Content is { } form
                && (await form.ReadAsStringAsync()).Contains("login=viewer&", StringComparison.Ordinal);
            if (Support.Rewriting.SessionOf(request) is { } session && refusedSessions.ContainsKey(session))
            {
                return new HttpResponseMessage(System.Net.HttpStatusCode.Forbidden) { RequestMessage = request };
            }

            var answer = await send(request);
            if (viewerLogin && Interlocked.Increment(ref logins) > 1 && viewersLaterLoginsFail && answer.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                refusedSessions[cookies.First().Split(';')[0]["JSESSIONID=".Length..]] = true;
            }

            return answer;
        }) { InnerHandler = handler });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.RefusalOrder, order).Profile! with { Name = "recorder" });
        var users = new[]
        {
            new PauseResume.Conformance.Model.ModelUser("agent", "agent-pw", true, true, ["555*"]),
            new PauseResume.Conformance.Model.ModelUser("viewer", "viewer-pw", true, false, []),
            new PauseResume.Conformance.Model.ModelUser("kiosk", "kiosk-pw", false, false, []),
        };
        var couples = await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. users], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), users, [couples[0].Id], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty(ProfileSettings.RefusalOrder).GetString().ShouldBe(written, summary);
        json.GetProperty("probe").GetProperty("settings").GetProperty(ProfileSettings.RefusalOrder).GetProperty("observed").GetBoolean().ShouldBe(observed, summary);
        json.GetProperty("probe").GetProperty("settings").GetProperty(ProfileSettings.UnknownCoupleStatus).GetProperty("observed").GetBoolean().ShouldBeFalse("the main account's masks may be what refused the unknown couple\n" + summary);
    }

    /// <summary>The probe of a recorder under <paramref name="order"/>, whose pauses of an unknown couple by <paramref name="refused"/> are answered 403.</summary>
    private static async Task ProbesAnOrderAsync(string order, string outsideAccessStatus, string? refused, string? observed, string told)
    {
        // Arrange
        var sessions = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(); // of the refused account's logins
        await using var inner = new InProcessTarget((_, handler) => new Support.Rewriting(async (request, send) =>
        {
            var login = Support.Rewriting.Is(request, "POST", "/loginAction.do") && request.Content is { } form
                && (await form.ReadAsStringAsync()).Contains($"login={refused}&", StringComparison.Ordinal);
            var answer = await send(request);
            if (login && answer.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                sessions[cookies.First().Split(';')[0]["JSESSIONID=".Length..]] = true;
            }

            return refused is not null && request.Method == HttpMethod.Post && Support.Rewriting.IsPausedState(request) && (int)answer.StatusCode == 404
                && Support.Rewriting.SessionOf(request) is { } session && sessions.ContainsKey(session)
                ? new HttpResponseMessage(System.Net.HttpStatusCode.Forbidden) { RequestMessage = request }
                : answer;
        }) { InnerHandler = handler });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.RefusalOrder, order).Profile!
            .With(ProfileSettings.OutsideAccessStatus, outsideAccessStatus).Profile! with { Name = "recorder" });
        // Act
        var probe = await ProbeFourAccountsAsync(inner);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty("probe").GetProperty("settings").GetProperty(ProfileSettings.RefusalOrder).GetProperty("observed").GetBoolean().ShouldBe(observed is not null, summary);
        json.GetProperty(ProfileSettings.RefusalOrder).GetString().ShouldBe(observed ?? "call-list-first", summary);
        summary.ShouldContain(told);
    }

    /// <summary>PSE-4: on a simulator the masked account's pause of a couple outside its masks tells outsidePauseStatus beside outsideAccessStatus.</summary>
    [Theory]
    [InlineData("403", "as-details")]
    [InlineData("404", "as-details")]
    [InlineData("404", "403")]
    public async Task PSE_4_outsidePauseStatus_is_measured_beside_outsideAccessStatus(string outsideAccessStatus, string outsidePauseStatus)
    {
        // Arrange
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.OutsideAccessStatus, outsideAccessStatus).Profile!
            .With(ProfileSettings.OutsidePauseStatus, outsidePauseStatus).Profile! with { Name = "recorder" });
        var accounts = new[]
        {
            new PauseResume.Conformance.Model.ModelUser("admin", "admin-pw", true, true, []),
            new PauseResume.Conformance.Model.ModelUser("agent", "agent-pw", true, true, ["555*"]),
        };
        var couples = await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new PauseResume.Conformance.Scenarios.CallSpec("6001", "10022", "10.0.0.6", "10.0.1.22")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(inner, accounts, [couples[0].Id], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty(ProfileSettings.OutsideAccessStatus).GetString().ShouldBe(outsideAccessStatus, summary);
        json.GetProperty(ProfileSettings.OutsidePauseStatus).GetString().ShouldBe(outsidePauseStatus, summary);
        json.GetProperty("probe").GetProperty("settings").GetProperty(ProfileSettings.OutsidePauseStatus).GetProperty("observed").GetBoolean().ShouldBeTrue(summary);
    }

    /// <summary>
    /// DET-3: withoutCallListStatus is the details of a couple in progress to the account without Call List; under 404
    /// those details answer an unknown couple 404 whatever the order, so the refusal order is told by that account's pause
    /// of it (refused 403 for want of Call List, or 404 where the couple is looked up first). A recorder may answer that
    /// pause as its details (outsidePauseStatus=as-details): then its 404 is what call-list-first answers too, and only
    /// rights-first is told apart (by the pause of the account with Call List but no pause right); the probe says so
    /// rather than call the recorder couple-first.
    /// </summary>
    /// <remarks>
    /// No account here has phone masks, and masks-first (rights-and-masks-first) answers every such account as
    /// call-list-first (rights-first) does: those are written down, not proven.
    /// </remarks>
    [Theory]
    [InlineData("call-list-first", "404", "403", true, false)]
    [InlineData("call-list-first", "404", "as-details", false, false)]
    [InlineData("couple-first", "404", "as-details", false, false)]
    [InlineData("couple-first", "404", "403", false, false)]
    [InlineData("rights-first", "404", "as-details", true, false)]
    [InlineData("couple-first", "403", "as-details", true, true)]
    public async Task DET_3_withoutCallListStatus_is_measured_and_the_refusal_order_told_apart_under_it_where_the_answers_tell(string refusalOrder, string withoutCallListStatus, string outsidePauseStatus, bool told, bool proven)
    {
        // Arrange
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.RefusalOrder, refusalOrder).Profile!
            .With(ProfileSettings.WithoutCallListStatus, withoutCallListStatus).Profile!
            .With(ProfileSettings.OutsidePauseStatus, outsidePauseStatus).Profile! with { Name = "recorder" });
        var accounts = new[]
        {
            new PauseResume.Conformance.Model.ModelUser("admin", "admin-pw", true, true, []),
            new PauseResume.Conformance.Model.ModelUser("viewer", "viewer-pw", true, false, []),
            new PauseResume.Conformance.Model.ModelUser("kiosk", "kiosk-pw", false, false, []),
        };
        var couples = await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [couples[0].Id], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        var settings = json.GetProperty("probe").GetProperty("settings");
        json.GetProperty(ProfileSettings.WithoutCallListStatus).GetString().ShouldBe(withoutCallListStatus, summary);
        settings.GetProperty(ProfileSettings.WithoutCallListStatus).GetProperty("observed").GetBoolean().ShouldBe(withoutCallListStatus == "404", "a 403 is what a login that did not take gets too\n" + summary);
        settings.GetProperty(ProfileSettings.RefusalOrder).GetProperty("observed").GetBoolean().ShouldBe(proven, summary);
        if (told)
        {
            json.GetProperty(ProfileSettings.RefusalOrder).GetString().ShouldBe(refusalOrder, summary);
        }
        else
        {
            json.GetProperty(ProfileSettings.RefusalOrder).GetString().ShouldBe("call-list-first", "the default, kept\n" + summary);
            summary.ShouldContain("couple-first and call-list-first cannot be told apart here");
        }
    }

    [Theory]
    [InlineData("404")]
    [InlineData("204")]
    public async Task PSE_1_A_couple_that_ends_while_the_probe_has_it_paused_is_said_to_have_ended_not_to_need_a_resume_by_hand(string endedCoupleStatus)
    {
        // Arrange: a strict recorder whose couple ends right after the probe's pause takes (its calls come and go)
        await using var inner = new InProcessTarget((fake, handler) => new Rewriting(async (request, send) =>
        {
            var paused = Rewriting.IsPausedState(request) && request.Method == HttpMethod.Post && await Rewriting.FormOf(request) == "paused=true";
            var response = await send(request);
            if (paused && response.IsSuccessStatusCode)
            {
                fake.Recorder.EndCall(long.Parse(request.RequestUri!.AbsolutePath.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture));
            }

            return response;
        }) { InnerHandler = handler });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.EndedCoupleStatus, endedCoupleStatus).Profile! with { Name = "recorder" });
        var accounts = new[] { new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []) };
        var couples = await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [couples.Single().Id], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        summary.ShouldContain($"couple {couples.Single().Id} ended while the probe had it paused (its details are answered {endedCoupleStatus})", Case.Sensitive);
        summary.ShouldNotContain("resume it by hand", Case.Sensitive);
        summary.ShouldNotContain("could not be put back (", Case.Sensitive);
    }

    [Theory]
    [InlineData("read")]
    [InlineData("refused")]
    public async Task PSE_3_The_probe_tells_whether_a_pause_in_the_query_of_a_POST_without_a_body_is_read(string formlessPost)
    {
        // Arrange: the simulator under that formlessPost, one recording couple the probe may pause
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.FormlessPost, formlessPost).Profile! with { Name = "recorder" });
        var accounts = new[] { new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []) };
        var couples = await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [couples.Single().Id], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty("probe").GetProperty("settings").GetProperty(ProfileSettings.FormlessPost).GetProperty("observed").GetBoolean().ShouldBeTrue(summary);
        json.GetProperty(ProfileSettings.FormlessPost).GetString().ShouldBe(formlessPost, summary);
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).Single().Paused.ShouldBeFalse("PSE-1: left recording, as found");
    }

    /// <summary>
    /// PSE-3: formlessPost=refused answers 415 before the session is looked at, so the probe tells it without --allow-pause
    /// and without a couple it may pause (a POST without a session for a couple that does not exist changes nothing);
    /// where both requests are answered alike, read fits without being proven.
    /// </summary>
    [Theory]
    [InlineData("refused", true)]
    [InlineData("read", false)]
    public async Task PSE_3_Without_allow_pause_the_probe_tells_a_recorder_that_refuses_a_POST_without_a_form(string formlessPost, bool observed)
    {
        // Arrange: pausedParameter and where paused is read unknown to the probe: it may pause nothing
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.FormlessPost, formlessPost).Profile! with { Name = "recorder" });
        var accounts = new[] { new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []) };
        await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        var setting = json.GetProperty("probe").GetProperty("settings").GetProperty(ProfileSettings.FormlessPost);
        json.GetProperty(ProfileSettings.FormlessPost).GetString().ShouldBe(formlessPost, summary);
        setting.GetProperty("observed").GetBoolean().ShouldBe(observed, summary);
        setting.TryGetProperty("proven", out var proven).ShouldBe(!observed, summary);
        summary.ShouldContain("without a session, a resume in the query string of a POST without a body", Case.Sensitive);
    }

    [Fact]
    public async Task LST_6_A_recorder_that_reads_directions_in_any_case_but_refuses_an_empty_one_is_probed_as_each_does()
    {
        // Arrange: Both is BOTH, but an empty direction is invalid (404): directionCase=any, emptyDirection=invalid
        await using var target = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
            Rewriting.IsList(request) && request.RequestUri!.Query.Contains("Direction=&", StringComparison.Ordinal) | request.RequestUri.Query.EndsWith("Direction=", StringComparison.Ordinal)
                ? new HttpResponseMessage(System.Net.HttpStatusCode.NotFound) { Content = new StringContent("not a direction") }
                : await send(request)) { InnerHandler = handler });
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.DirectionCase, "any").Profile!);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(target, [], [], TimeSpan.Zero).ProbeAsync(TestContext.Current.CancellationToken);

        // Assert: each setting told by its own request
        var json = JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty("directionCase").GetString().ShouldBe("any", string.Join("\n", probe.Summary));
        json.GetProperty("emptyDirection").GetString().ShouldBe("invalid", string.Join("\n", probe.Summary));
        json.GetProperty("probe").GetProperty("settings").GetProperty("directionCase").GetProperty("observed").GetBoolean().ShouldBeTrue();
        json.GetProperty("probe").GetProperty("settings").GetProperty("emptyDirection").GetProperty("observed").GetBoolean().ShouldBeTrue();
    }

    /// <summary>
    /// SES-5: a recorder whose logout is at another path answers the probe's logout with a 404 that ends no session and
    /// sets no cookie: that tells nothing of what its logout sets, so logoutSessionId is not observed (it once was, as none).
    /// </summary>
    [Fact]
    public async Task SES_5_A_logout_path_that_ends_no_session_measures_no_logout_cookie()
    {
        // Arrange
        await using var target = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
            Rewriting.Is(request, "POST", "/logoutAction.do")
                ? new HttpResponseMessage(System.Net.HttpStatusCode.NotFound) { Content = new StringContent("no such page") }
                : await send(request)) { InnerHandler = handler });

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(target, [], [], TimeSpan.Zero).ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var settings = JsonDocument.Parse(probe.Json).RootElement.GetProperty("probe").GetProperty("settings");
        settings.GetProperty("logoutSessionId").GetProperty("observed").GetBoolean().ShouldBeFalse(string.Join("\n", probe.Summary));
        probe.Summary.ShouldContain(line => line.StartsWith("logoutSessionId = fresh   default kept: the logout (answered 404) left the session it named logged in", StringComparison.Ordinal));
    }

    /// <summary>
    /// Settings an independent recorder showed the probe missed, each measured now by a request of its own:
    /// <list type="bullet">
    /// <item>SES-4, SES-5: under loginSessionId=kept a logout of a session the recorder keeps sets no cookie whatever
    /// logoutSessionId says, so the probe kept the default (fresh), and a recorder whose logout naming no session sets none
    /// differed from its own probed profile in a comparison; a logout naming no session tells.</item>
    /// <item>GEN-2, PSE-4: a PATCH of the list without a session, beside the one in a session, tells where the method is
    /// checked among the login check (badMethodOrder); where a session's PATCH is a 403 too, nothing tells it.</item>
    /// <item>SES-3: under loginPage=redirect the status of the redirect (redirectStatus).</item>
    /// <item>SES-5: under sessionsPerUser=first-wins the second login of the probe's user does not take, so its logout told
    /// nothing of logoutPage, and a recorder answering logouts with a page of its own differed from its probed profile; a
    /// logout of a session proven logged in tells.</item>
    /// <item>SES-4: a recorder that opens a session for its refusals as not logged in alone (anonymousSession=refusals, a
    /// security filter saving the refused request) was probed as any-request and differed in a comparison wherever it set
    /// no cookie on a 404 or 405; the unknown path's or the PATCH's answer without a session tells where it is not a 403
    /// (unknownPathOrder, badMethodOrder before-login), as does an invalid direction's answer (badDirectionOrder before-login);
    /// where all are refused a refusal still opened one: any-request.</item>
    /// </list>
    /// </summary>
    [Theory]
    [InlineData("loginSessionId=kept", "logoutSessionId=none", "logoutSessionId", "none", true)]
    [InlineData("loginSessionId=kept", "logoutSessionId=fresh", "logoutSessionId", "fresh", true)]
    [InlineData("badMethodOrder=before-login", "methodNotAllowedStatus=405", "badMethodOrder", "before-login", true)]
    [InlineData("badMethodOrder=after-login", "methodNotAllowedStatus=405", "badMethodOrder", "after-login", true)]
    [InlineData("badMethodOrder=after-login", "methodNotAllowedStatus=403", "badMethodOrder", "before-login", false)]
    [InlineData("unknownPathOrder=after-login", "unknownPathStatus=404", "unknownPathOrder", "after-login", true)]
    [InlineData("unknownPathOrder=before-login", "unknownPathStatus=400", "unknownPathOrder", "before-login", true)]
    [InlineData("unknownPathOrder=after-login", "unknownPathStatus=403", "unknownPathOrder", "before-login", false)]
    [InlineData("anonymousSession=refusals", "unknownPathOrder=before-login", "anonymousSession", "refusals", true)]
    [InlineData("anonymousSession=any-request", "unknownPathOrder=before-login", "anonymousSession", "any-request", true)]
    [InlineData("anonymousSession=refusals", "unknownPathOrder=after-login", "anonymousSession", "refusals", true)]
    [InlineData("anonymousSession=refusals", "unknownPathOrder=after-login badMethodOrder=after-login", "anonymousSession", "any-request", true)]
    [InlineData("anonymousSession=any-request", "unknownPathOrder=after-login badMethodOrder=after-login", "anonymousSession", "any-request", true)]
    [InlineData("anonymousSession=refusals", "unknownPathOrder=after-login badMethodOrder=after-login badDirectionOrder=before-login", "anonymousSession", "refusals", true)]
    [InlineData("loginPage=redirect", "redirectStatus=303", "redirectStatus", "303", true)]
    [InlineData("loginPage=redirect", "redirectStatus=307", "redirectStatus", "307", true)]
    [InlineData("sessionsPerUser=first-wins", "logoutPage=own", "logoutPage", "own", true)]
    [InlineData("sessionsPerUser=first-wins", "logoutPage=login", "logoutPage", "login", true)]
    public async Task The_probe_measures_a_setting_by_a_request_of_its_own(string first, string second, string measured, string expected, bool observed)
    {
        // Arrange
        await using var target = new InProcessTarget();
        var profile = KitProfile.Default;
        foreach (var (setting, value) in second.Split(' ').Prepend(first).Select(pair => (pair.Split('=')[0], pair.Split('=')[1])))
        {
            profile = profile.With(setting, value).Profile!;
        }

        target.Control!.ServerProfile = ProfileJson.Write(profile with { Name = "recorder" });

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(target, [], [], TimeSpan.Zero).ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var json = JsonDocument.Parse(probe.Json).RootElement;
        if (first.Split('=')[0] != measured)
        {
            json.GetProperty(first.Split('=')[0]).GetString().ShouldBe(first.Split('=')[1], string.Join("\n", probe.Summary));
        }

        json.GetProperty(measured).GetString().ShouldBe(expected, string.Join("\n", probe.Summary));
        json.GetProperty("probe").GetProperty("settings").GetProperty(measured).GetProperty("observed").GetBoolean().ShouldBe(observed, string.Join("\n", probe.Summary));
    }

    /// <summary>
    /// SES-4: the probe's summary names the login's cookie with the session id hidden, whatever its shape: an independent
    /// recorder with Jetty's ids (node0…) had a logged-in id written out in full, as only hex ids were hidden.
    /// </summary>
    [Theory]
    [InlineData("JSESSIONID=0123456789ABCDEF0123456789ABCDEF; Path=/callrec; HttpOnly", "JSESSIONID=…; Path=/callrec; HttpOnly")]
    [InlineData("JSESSIONID=node0eovqxdc9l40lgn1rtnzogf8b8.node0; Path=/", "JSESSIONID=….node0; Path=/")]
    [InlineData("JSESSIONID=abc-def_1.route7", "JSESSIONID=….route7")]
    public void SES_4_The_probe_hides_a_session_id_of_any_shape_and_keeps_its_route(string setCookie, string shown) =>
        PauseResume.Conformance.Probe.Prober.Redacted(setCookie).ShouldBe(shown);

    /// <summary>
    /// SES-4 (inferred): only answers a recorder gives without a session as it gives them in one tell anonymousSession's
    /// refusals from any-request. A front proxy that answers an unknown path 404 itself, with no cookie, while the
    /// recorder's own 405 sets one, leaves the two disagreeing: any-request, as a refusal opened one (it was measured
    /// refusals). A security filter that answers a PATCH without a session with a redirect to the login and a cookie
    /// tells nothing by it (it was taken to tell any-request), nor does an unknown path refused as not logged in.
    /// </summary>
    [Theory]
    [InlineData("anonymousSession=any-request", "proxy", "any-request", false)]
    [InlineData("anonymousSession=refusals", "redirect", "refusals", true)]
    [InlineData("anonymousSession=refusals unknownPathOrder=after-login", "redirect", "any-request", false)]
    public async Task SES_4_The_probe_tells_refusals_by_answers_given_as_in_a_session_alone(string served, string front, string measured, bool toldApart)
    {
        // Arrange
        await using var target = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            var bare = Rewriting.SessionOf(request) is null;
            if (front == "proxy" && response.StatusCode == HttpStatusCode.NotFound)
            {
                response.Headers.Remove("Set-Cookie"); // the proxy's own 404
            }
            else if (front == "redirect" && bare && request.Method == HttpMethod.Patch)
            {
                response = new HttpResponseMessage(HttpStatusCode.Found) { Content = new ByteArrayContent([]) };
                response.Headers.Location = new Uri("/callrec/", UriKind.Relative);
                response.Headers.Add("Set-Cookie", $"JSESSIONID={Guid.NewGuid():N}".ToUpperInvariant()[..43] + "; Path=/callrec; HttpOnly");
            }

            return response;
        }) { InnerHandler = handler });
        var profile = served.Split(' ').Aggregate(KitProfile.Default, (p, pair) => p.With(pair.Split('=')[0], pair.Split('=')[1]).Profile!);
        target.Control!.ServerProfile = ProfileJson.Write(profile with { Name = "recorder" });

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(target, [], [], TimeSpan.Zero).ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var json = JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty("anonymousSession").GetString().ShouldBe(measured, string.Join("\n", probe.Summary));
        probe.Summary.Single(line => line.StartsWith("anonymousSession = ", StringComparison.Ordinal)).Contains("not told apart", StringComparison.Ordinal).ShouldBe(!toldApart, string.Join("\n", probe.Summary));
    }

    /// <summary>
    /// SES-4, SES-5 (inferred): whether a logout invalidates the session it names (logoutSession=ended) or ends its login
    /// only, the id still known (logged-out), and whether its answer sets a new id (logoutSessionId), under each
    /// loginSessionId. A new id from the logout of a logged-in session says ended and fresh; one from a logout naming no
    /// session where the other set none says logged-out; else a request naming the logged-out id tells, where one gets a
    /// new id for an id the recorder no longer knows (a failed login under kept or on-success, a refused list under
    /// anonymousSession=any-request). An independent recorder under kept kept the id and set no cookie: the simulator
    /// could not play it; another kept the id and answered with a new session beside it (logged-out-new-id), which the
    /// probe took for ended without a request that told. Where none tells after a logout that set a new id, ended is
    /// observed all the same: not logged-out, and the two left are alike to every client of that recorder.
    /// </summary>
    [Theory]
    [InlineData("loginSessionId=kept logoutSession=ended logoutSessionId=fresh", "ended", "fresh", true)]
    [InlineData("loginSessionId=kept logoutSession=ended logoutSessionId=none", "ended", "none", true)]
    [InlineData("loginSessionId=kept logoutSession=logged-out logoutSessionId=fresh", "logged-out", "fresh", true)]
    [InlineData("loginSessionId=kept logoutSession=logged-out logoutSessionId=none", "logged-out", "none", true)]
    [InlineData("loginSessionId=on-success logoutSession=logged-out logoutSessionId=none", "logged-out", "none", true)]
    [InlineData("loginSessionId=on-success logoutSession=ended logoutSessionId=none", "ended", "none", true)]
    [InlineData("loginSessionId=fresh logoutSession=ended logoutSessionId=fresh", "ended", "fresh", true)]
    [InlineData("loginSessionId=fresh logoutSession=ended logoutSessionId=fresh anonymousSession=any-request", "ended", "fresh", true)]
    [InlineData("loginSessionId=kept logoutSession=logged-out-new-id logoutSessionId=fresh", "logged-out-new-id", "fresh", true)]
    [InlineData("loginSessionId=on-success logoutSession=logged-out-new-id logoutSessionId=fresh", "logged-out-new-id", "fresh", true)]
    [InlineData("loginSessionId=fresh logoutSession=logged-out-new-id logoutSessionId=fresh anonymousSession=any-request", "logged-out-new-id", "fresh", true)]
    [InlineData("loginSessionId=fresh logoutSession=logged-out-new-id logoutSessionId=fresh", "ended", "fresh", true)]
    [InlineData("loginSessionId=kept logoutSession=logged-out-new-id logoutSessionId=none", "logged-out", "none", true)]
    [InlineData("loginSessionId=fresh logoutSession=logged-out logoutSessionId=fresh", "logged-out", "fresh", true)]
    [InlineData("loginSessionId=fresh logoutSession=logged-out logoutSessionId=none anonymousSession=any-request", "logged-out", "none", true)]
    [InlineData("loginSessionId=fresh logoutSession=ended logoutSessionId=none anonymousSession=any-request", "ended", "none", true)]
    [InlineData("loginSessionId=fresh logoutSession=logged-out logoutSessionId=none", "ended", "none", false)]
    [InlineData("sessionsPerUser=first-wins loginSessionId=fresh logoutSession=logged-out logoutSessionId=fresh", "logged-out", "fresh", true)]
    [InlineData("sessionsPerUser=first-wins loginSessionId=kept logoutSession=ended logoutSessionId=none", "ended", "none", true)]
    [InlineData("sessionsPerUser=first-wins failedLoginSession=unchanged successfulLoginSession=unchanged loginSessionId=fresh logoutSession=logged-out", "logged-out", "fresh", true)]
    [InlineData("sessionsPerUser=first-wins failedLoginSession=unchanged successfulLoginSession=unchanged loginSessionId=fresh logoutPage=own", "ended", "fresh", true)]
    [InlineData("sessionsPerUser=one failedLoginSession=unchanged loginSessionId=on-success logoutSession=logged-out logoutSessionId=fresh", "logged-out", "fresh", true)]
    public async Task SES_5_The_probe_measures_what_a_logout_does_to_the_session_it_names(string recorderSettings, string logoutSession, string logoutSessionId, bool observed)
    {
        // Arrange
        await using var target = new InProcessTarget();
        var profile = KitProfile.Default;
        foreach (var pair in recorderSettings.Split(' '))
        {
            profile = profile.With(pair.Split('=')[0], pair.Split('=')[1]).Profile!;
        }

        target.Control!.ServerProfile = ProfileJson.Write(profile with { Name = "recorder" });

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(target, [], [], TimeSpan.Zero).ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var json = JsonDocument.Parse(probe.Json).RootElement;
        var summary = string.Join("\n", probe.Summary);
        (json.GetProperty("logoutSession").GetString(), json.GetProperty("logoutSessionId").GetString()).ShouldBe((logoutSession, logoutSessionId), summary);
        json.GetProperty("probe").GetProperty("settings").GetProperty("logoutSession").GetProperty("observed").GetBoolean().ShouldBe(observed, summary);
        json.GetProperty("probe").GetProperty("settings").GetProperty("logoutSessionId").GetProperty("observed").GetBoolean().ShouldBeTrue(summary);
    }

    [Fact]
    public async Task SES_3_A_real_recorders_login_page_that_shows_the_time_to_the_second_is_probed_as_one_that_varies()
    {
        // Arrange: every login and logout page shows the server's time, to the second
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            if (!request.RequestUri!.AbsolutePath.EndsWith(".do", StringComparison.Ordinal))
            {
                return response;
            }

            var page = await response.Content.ReadAsStringAsync();
            var timed = new HttpResponseMessage(response.StatusCode) { Content = new StringContent(page.Replace("</body>", $"<p>Server time: {TimeProvider.System.GetUtcNow():HH:mm:ss}</p></body>", StringComparison.Ordinal), System.Text.Encoding.UTF8, "text/html") };
            foreach (var header in response.Headers)
            {
                timed.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return timed;
        }) { InnerHandler = handler });
        var accounts = new[] { new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []) };
        await inner.Control!.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [], TimeSpan.Zero).ProbeAsync(TestContext.Current.CancellationToken);

        // Assert: the two failed logins were a second apart, so their pages differ in the time, which tells nothing
        JsonDocument.Parse(probe.Json).RootElement.GetProperty("loginPage").GetString().ShouldBe("token", string.Join("\n", probe.Summary));
    }

    [Theory]
    [InlineData("form-and-query")]
    [InlineData("query")]
    public async Task PSE_2_A_lenient_recorder_that_refuses_pauses_that_change_nothing_is_probed_as_lenient_and_for_where_it_reads_paused(string location)
    {
        // Arrange: the Java reading (pause=true is a resume, of a recording couple here), and a refusal of a request that
        // changes nothing (409), observed as a real recorder is
        await using var inner = new InProcessTarget();
        var recorder = KitProfile.JaxRsLenient.With(ProfileSettings.UnchangedPauseStatus, "409").Profile!.With(ProfileSettings.PausedLocation, location).Profile!;
        inner.Control!.ServerProfile = ProfileJson.Write(recorder);
        var accounts = new[] { new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []) };
        var couples = await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [couples.Single().Id], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty("pausedParameter").GetString().ShouldBe("jaxrs-lenient", summary);
        json.GetProperty("pausedLocation").GetString().ShouldBe(location, summary);
        json.GetProperty("unchangedPauseStatus").GetString().ShouldBe("409", summary);
        foreach (var setting in new[] { ProfileSettings.PausedParameter, ProfileSettings.PausedLocation, ProfileSettings.UnchangedPauseStatus })
        {
            json.GetProperty("probe").GetProperty("settings").GetProperty(setting).GetProperty("observed").GetBoolean().ShouldBeTrue(summary);
        }

        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).Single().Paused.ShouldBeFalse("PSE-1: put back recording, as found");
    }

    /// <summary>
    /// PSE-3 (inferred: unchangedPauseStatus): an agent's hold put on just before the probe's resume of a recording couple,
    /// too recently for the details to show, makes that resume a change, answered as one (204 where a request that changes
    /// nothing gets 409). The probe takes the setting from the answers that agree, before and after, not from that one;
    /// it puts the hold back on at once and says so.
    /// </summary>
    [Fact]
    public async Task PSE_3_A_hold_put_on_just_before_the_probes_resume_is_not_measured_as_unchangedPauseStatus_and_is_put_back()
    {
        // Arrange: a lenient recorder that refuses a request that changes nothing with 409; the couple is put on hold
        // just before the probe's first resume in a form of the couple while it records
        var held = 0;
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var inner = new InProcessTarget((fake, handler) => new Rewriting(async (request, send) =>
        {
            seen.Enqueue($"{request.Method} {request.RequestUri!.PathAndQuery} {(request.Content is null ? "" : await Rewriting.FormOf(request))} paused={fake.Recorder.Find(24197)?.Paused}");
            if (Rewriting.IsPausedState(request) && request.Method == HttpMethod.Post && string.IsNullOrEmpty(request.RequestUri!.Query)
                && await Rewriting.FormOf(request) == "paused=false" && fake.Recorder.Find(24197)?.Paused == false && Interlocked.Exchange(ref held, 1) == 0)
            {
                (await send(Rewriting.WithForm(request, "paused=true"))).StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent, "the hold");
                return await send(Rewriting.WithForm(request, "paused=false"));
            }

            return await send(request);
        }) { InnerHandler = handler });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.JaxRsLenient.With(ProfileSettings.UnchangedPauseStatus, "409").Profile!.With(ProfileSettings.PausedLocation, "form-and-query").Profile!);
        var accounts = new[] { new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []) };
        var couples = await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [couples.Single().Id], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        held.ShouldBe(1, "the hold was put on");
        var json = JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty("unchangedPauseStatus").GetString().ShouldBe("409", summary);
        summary.ShouldContain("was answered 204, where the probe's requests that change nothing were answered 409 before and just after", Case.Sensitive, string.Join("\n", seen));
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).Single().Paused.ShouldBeTrue("PSE-1: the hold the probe's resume ended is put back on\n" + summary);
    }

    /// <summary>
    /// PSE-1 documents that a pause is taken, not how soon the details show it: on a lenient recorder whose details show a
    /// pause later than --settle, a pause in a place that is read must not be taken for one where paused is not read (the
    /// probe had measured "a POST's form body is not read, a PUT's is": no reader does that), and the probe says how late
    /// the details showed its pauses and which --settle to run the kit with.
    /// </summary>
    [Theory]
    [InlineData("jaxrs-lenient")]
    [InlineData("strict")]
    public async Task PSE_3_On_a_recorder_whose_details_lag_past_settle_the_probe_finds_where_paused_is_read_and_tells_the_lag(string reading)
    {
        // Arrange: paused read in the form and the query, details that show a couple as it was 0.7 s ago
        await using var inner = new InProcessTarget(LaggingDetails.LaggingBy(TimeSpan.FromMilliseconds(700)));
        inner.Control!.ServerProfile = ProfileJson.Write((reading == "strict" ? KitProfile.Default : KitProfile.JaxRsLenient).With(ProfileSettings.PausedLocation, "form-and-query").Profile!);
        var accounts = new[] { new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []) };
        await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [24197], TimeSpan.Zero) { Settle = TimeSpan.FromMilliseconds(300) }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty("pausedLocation").GetString().ShouldBe("form-and-query", summary);
        json.GetProperty("probe").GetProperty("settings").GetProperty("pausedLocation").GetProperty("observed").GetBoolean().ShouldBeTrue(summary);
        summary.ShouldMatch(@"later than --settle 0\.3 s: a run with this profile file waits --settle [0-9]+(\.[0-9])? s unless given another", summary);
        json.GetProperty("probe").GetProperty("detailsLag").GetDouble().ShouldBeInRange(0.7, 30, "PSE-1: the lag is written for a run against the file to wait for\n" + summary);
        ProfileJson.Read(json).DetailsLag.ShouldNotBeNull().TotalSeconds.ShouldBeGreaterThanOrEqualTo(0.7, summary);
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).Single().Paused.ShouldBeFalse("PSE-1: put back recording, as found\n" + summary);
    }

    /// <summary>
    /// SES-5 documents a logout by POST and that the session ends; that it is answered as a login is inferred. A recorder
    /// that redirects a logout to its login page is probed as logoutPage=own, and a run against the probed profile
    /// passes SES-5 and breaks nothing.
    /// </summary>
    [Fact]
    public async Task SES_5_A_real_recorder_that_answers_a_logout_with_a_redirect_is_probed_as_logoutPage_own_and_then_passes_SES_5()
    {
        // Arrange: the simulator observed as a real recorder; a logout ends the session as ever, answered 302 to the login page
        await using var inner = new InProcessTarget((recorder, handler) => new Rewriting(async (request, send) =>
        {
            var answer = await send(request);
            if (!Rewriting.Is(request, "POST", "/callrec/logoutAction.do"))
            {
                return answer;
            }

            var redirect = new HttpResponseMessage(System.Net.HttpStatusCode.Found) { Content = new ByteArrayContent([]) };
            redirect.Headers.Location = new Uri("/callrec/login.jsp", UriKind.Relative);
            foreach (var cookie in answer.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [])
            {
                redirect.Headers.TryAddWithoutValidation("Set-Cookie", cookie);
            }

            return redirect;
        }) { InnerHandler = handler });
        var accounts = new[] { new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []), new PauseResume.Conformance.Model.ModelUser("guest", "guest", false, false, []) };
        var couples = await inner.Control!.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);

        // Act
        var (probe, probed) = await ProbedProfile.OfAsync(new PauseResume.Conformance.Probe.Prober(recorder, accounts, [], TimeSpan.Zero));
        var real = await RealWorld.ObserveAsync(recorder, accounts, [.. couples.Select(c => c.Id)], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var result = await new ConformanceKit(recorder, probed, TextWriter.Null) { Seed = 5, Runs = 40, Real = real }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        probed[ProfileSettings.LogoutPage].ShouldBe("own", summary);
        var explain = string.Join("\n", result.Failures.Select(f => $"{f.Check.Rule}: {f.Check.What} ({f.Check.Actual})"));
        result.Rules.Single(r => r.Rule.Id == "SES-5").Status.ShouldBe(RuleStatus.Passed, explain);
        result.Broken.ShouldBeEmpty(explain);
    }

    [Fact]
    public async Task PSE_3_A_strict_recorder_that_refuses_pauses_that_change_nothing_is_probed_for_where_it_reads_paused()
    {
        // Arrange: a strict recorder that answers 400 to a resume of a recording couple or a pause of a paused one,
        // wherever the value is sent (PSE-3's inference says such a request succeeds)
        await using var inner = new InProcessTarget((recorder, handler) => new Rewriting(async (request, send) =>
        {
            if (!Rewriting.IsPausedState(request) || request.Method == HttpMethod.Get)
            {
                return await send(request);
            }

            var id = long.Parse(request.RequestUri!.AbsolutePath.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture);
            var sent = (await Rewriting.FormOf(request) + "&" + request.RequestUri.Query.TrimStart('?')).Split('&').Where(p => p.StartsWith("paused=", StringComparison.Ordinal)).ToList();
            return sent.Count > 0 && recorder.Recorder.Find(id) is { EndedAt: null } state && sent.All(p => p == (state.Paused ? "paused=true" : "paused=false"))
                ? new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest) { Content = new StringContent("nothing to change") }
                : await send(request);
        }) { InnerHandler = handler });
        var accounts = new[] { new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []) };
        var couples = await inner.Control!.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [couples.Single().Id], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty("probe").GetProperty("settings").GetProperty("pausedLocation").GetProperty("observed").GetBoolean().ShouldBeTrue(summary);
        json.GetProperty("pausedLocation").GetString().ShouldBe(KitProfile.Default[ProfileSettings.PausedLocation], summary);
        summary.ShouldNotContain("is not read", Case.Sensitive);
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).Single().Paused.ShouldBeFalse("PSE-1: put back recording, as found");
    }

    /// <summary>
    /// PSE-3 (inferred): a strict recorder that reads paused from the form only and refuses a pause or resume that changes
    /// nothing with 400 ("already paused"). A run never guesses unchangedPauseStatus=400 (it would explain a strict
    /// refusal of a bad value away), but the probe, which knows by then where paused is read, measures it, and a run
    /// against the probed profile passes. (Before, with no guess to hold it, a run wandered between values of
    /// pausedLocation and repeatedPaused for longer than fifteen minutes.)
    /// </summary>
    [Theory]
    [InlineData("refused")]
    [InlineData("first")]
    [InlineData("last")]
    [InlineData("refused-any")]
    public async Task PSE_3_A_form_only_recorder_that_refuses_unchanged_pauses_with_400_is_probed_as_such_and_then_passes(string repeatedPaused)
    {
        // Arrange
        await using var inner = new InProcessTarget((recorder, handler) => new Rewriting(async (request, send) =>
        {
            if (!Rewriting.IsPausedState(request) || request.Method == HttpMethod.Get)
            {
                return await send(request);
            }

            // Refused once every access check has passed (the simulator answered 204), and only where it changed nothing
            // (however the values were read); a pause or resume is answered once at a time, as a recorder's lock does.
            var id = long.Parse(request.RequestUri!.AbsolutePath.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture);
            var before = recorder.Recorder.Find(id)?.Paused;
            var answer = await send(request);
            return answer.StatusCode == System.Net.HttpStatusCode.NoContent && before is { } was && recorder.Recorder.Find(id)?.Paused == was
                ? new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest) { Content = new StringContent($"couple {id} is {(was ? "paused" : "recording")} already") }
                : answer;
        }) { InnerHandler = handler });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.PausedLocation, "form").Profile!.With(ProfileSettings.RepeatedPaused, repeatedPaused).Profile!);
        var accounts = new[] { new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []), new PauseResume.Conformance.Model.ModelUser("guest", "guest", false, false, []) };
        var couples = await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new PauseResume.Conformance.Scenarios.CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var pausable = couples.Select(c => c.Id).ToList();
        var (probe, probed) = await ProbedProfile.OfAsync(new PauseResume.Conformance.Probe.Prober(recorder, accounts, pausable, TimeSpan.Zero) { Settle = TimeSpan.Zero });
        var real = await RealWorld.ObserveAsync(recorder, accounts, pausable, allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var progress = new StringWriter();

        // Act
        var result = await new ConformanceKit(recorder, probed, progress) { Seed = 11, Runs = 40, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var log = $"{string.Join("\n", probe.Summary)}\n{progress}";
        probed[ProfileSettings.PausedLocation].ShouldBe("form", log);
        probed[ProfileSettings.UnchangedPauseStatus].ShouldBe("400", log);
        probed[ProfileSettings.RepeatedPaused].ShouldBe(repeatedPaused, log);
        result.Failures.ShouldBeEmpty(log);
        result.AuditProblems.ShouldBeEmpty(log);
        result.AuditUnchecked.ShouldBeEmpty(log);
    }

    [Fact]
    public async Task PSE_1_An_agents_hold_put_on_during_the_probe_of_a_real_recorder_is_left_alone()
    {
        // Arrange: the simulator observed as a real recorder; right after the probe's misspelt 'pause=true', an agent puts
        // the couple the probe works on on hold (before the probe's next request, which would resume it)
        var typoSeen = false;
        var held = false;
        await using var inner = new InProcessTarget((recorder, handler) =>
        {
            return new Rewriting(async (request, send) =>
            {
                if (typoSeen && !held)
                {
                    held = true;
                    var agent = recorder.Recorder.Login("admin", "admin", requestCarriedCookie: true, priorSessionId: null);
                    recorder.Recorder.SetPaused(agent.SessionId, 24197, paused: true);
                }

                typoSeen |= Rewriting.IsPausedState(request) && (await Rewriting.FormOf(request)).StartsWith("pause=", StringComparison.Ordinal);
                return await send(request);
            }) { InnerHandler = handler };
        });
        var accounts = new[] { new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []) };
        var couples = await inner.Control!.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        couples.Single().Id.ShouldBe(24197);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [24197], TimeSpan.Zero) { Settle = TimeSpan.FromMilliseconds(300) }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        held.ShouldBeTrue("the agent's hold was put on during the probe");
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).Single().Paused.ShouldBeTrue("PSE-1: the agent's hold is the agent's to end, not the probe's\n" + summary);
        summary.ShouldContain("someone else paused it", Case.Sensitive);
        var settings = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement.GetProperty("probe").GetProperty("settings");
        settings.GetProperty("pausedLocation").GetProperty("observed").GetBoolean().ShouldBeFalse(summary);
    }

    /// <summary>
    /// PSE-1 on a lenient recorder: the misspelt pause is a resume of a recording couple there (nothing changes), so no
    /// put-back follows it; a hold an agent puts on once the probe has seen that is left alone. (A hold put on while
    /// the probe waits to see whether its own request paused the couple cannot be told from that pause: the README says
    /// so.)
    /// </summary>
    [Fact]
    public async Task PSE_1_On_a_lenient_recorder_an_agents_hold_put_on_after_the_misspelt_pause_is_left_alone()
    {
        // Arrange: once the details were read after the misspelt pause, an agent puts the couple on hold
        var typoSeen = false;
        var readAfter = false;
        var held = false;
        await using var inner = new InProcessTarget((recorder, handler) => new Rewriting(async (request, send) =>
        {
            if (readAfter && !held)
            {
                held = true;
                var agent = recorder.Recorder.Login("admin", "admin", requestCarriedCookie: true, priorSessionId: null);
                recorder.Recorder.SetPaused(agent.SessionId, 24197, paused: true);
            }

            readAfter |= typoSeen && request.Method == HttpMethod.Get;
            typoSeen |= Rewriting.IsPausedState(request) && (await Rewriting.FormOf(request)).StartsWith("pause=", StringComparison.Ordinal);
            return await send(request);
        }) { InnerHandler = handler });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.JaxRsLenient);
        var accounts = new[] { new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []) };
        await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [24197], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        held.ShouldBeTrue("the agent's hold was put on during the probe");
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).Single().Paused.ShouldBeTrue("PSE-1: the agent's hold is the agent's to end\n" + summary);
        summary.ShouldContain("someone else paused it", Case.Sensitive);
    }

    /// <summary>
    /// PSE-1 on a lenient recorder: the first put-back after one of the probe's own pauses is refused (403: the session
    /// went); the probe must not take its own pause for an agent's hold and leave the couple paused.
    /// </summary>
    [Fact]
    public async Task PSE_1_A_refused_put_back_does_not_leave_the_probes_own_pause_in_place()
    {
        var pausedByProbe = false;
        var refused = false;
        await using var inner = new InProcessTarget((recorder, handler) =>
        {
            return new Rewriting(async (request, send) =>
            {
                if (Rewriting.IsPausedState(request))
                {
                    var all = request.RequestUri!.Query + "&" + await Rewriting.FormOf(request);
                    if (pausedByProbe && !refused && all.Contains("paused=false", StringComparison.Ordinal))
                    {
                        refused = true;
                        return new HttpResponseMessage(System.Net.HttpStatusCode.Forbidden) { Content = new StringContent("not logged in") };
                    }

                    var response = await send(request);
                    pausedByProbe |= recorder.Recorder.Find(24197) is { Paused: true };
                    return response;
                }

                return await send(request);
            }) { InnerHandler = handler };
        });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With("pausedParameter", "jaxrs-lenient").Profile! with { Name = "recorder" });
        var accounts = new[] { new PauseResume.Conformance.Model.ModelUser("admin", "admin", true, true, []) };
        await inner.Control!.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [24197], TimeSpan.Zero) { Settle = TimeSpan.FromMilliseconds(300) }.ProbeAsync(TestContext.Current.CancellationToken);

        var summary = string.Join("\n", probe.Summary);
        refused.ShouldBeTrue(summary);
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).Single().Paused.ShouldBeFalse("the probe's own pause left in place\n" + summary);
    }

    /// <summary>
    /// SES-4: on a recorder that keeps a user's first session (sessionsPerUser=first-wins) and leaves a session a login
    /// names logged in (successfulLoginSession=unchanged), each login of the probe's logs out the session its slot holds
    /// first. It once logged in over its own session and forgot it: every later login of the main account was refused, the
    /// probe measured loginParameters=form from that refusal and nothing after it, and the runs after it could not log in.
    /// </summary>
    [Fact]
    public async Task SES_4_The_probe_leaves_no_session_holding_a_user_on_a_recorder_that_keeps_a_users_first_session()
    {
        // Arrange
        PauseResume.Simulator.Testing.FakeRecorder? fake = null;
        await using var target = new InProcessTarget((recorder, handler) =>
        {
            fake = recorder;
            return handler;
        });
        var served = KitProfile.Default;
        foreach (var (setting, value) in new[] { ("sessionsPerUser", "first-wins"), ("successfulLoginSession", "unchanged"), ("loginParameters", "form-and-query"), ("pausedParameter", "jaxrs-lenient") })
        {
            served = served.With(setting, value).Profile!;
        }

        target.Control!.ServerProfile = ProfileJson.Write(served with { Name = "recorder" });

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(target, [], [], TimeSpan.Zero).ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var json = JsonDocument.Parse(probe.Json).RootElement;
        var summary = string.Join("\n", probe.Summary);
        (json.GetProperty("sessionsPerUser").GetString(), json.GetProperty("successfulLoginSession").GetString()).ShouldBe(("first-wins", "unchanged"), summary);
        json.GetProperty("loginParameters").GetString().ShouldBe("form-and-query", summary);
        json.GetProperty("pausedParameter").GetString().ShouldBe("jaxrs-lenient", summary);
        fake!.Recorder.Sessions().Where(s => s.Login is not null).ShouldBeEmpty("no session of the probe's is left holding its user");
    }

    /// <summary>
    /// SES-1's loginParameters on a recorder that keeps a user's first session and refuses another login of that user:
    /// the probe's login by the query string must not be refused for the session the probe itself still holds.
    /// </summary>
    [Fact]
    public async Task The_probe_measures_a_login_by_the_query_string_on_a_recorder_that_keeps_a_users_first_session()
    {
        // Arrange: loginParameters=form-and-query, and a user's first logged-in session holds the user until it logs out
        var first = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await using var inner = new InProcessTarget((recorder, handler) => new Rewriting(async (request, send) =>
        {
            var path = request.RequestUri!.AbsolutePath;
            var session = Cookie(request);
            if (path.EndsWith("/logoutAction.do", StringComparison.Ordinal))
            {
                foreach (var held in first.Where(h => h.Value == session).ToList())
                {
                    first.TryRemove(held.Key, out _);
                }
            }

            if (!path.EndsWith("/loginAction.do", StringComparison.Ordinal))
            {
                return await send(request);
            }

            var fields = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query + "&" + await Rewriting.FormOf(request));
            var login = fields["login"];
            if (login is not null && first.TryGetValue(login, out var holder) && holder != session)
            {
                return await send(Rewriting.WithQuery(Rewriting.WithForm(request, "login=nobody&password=refused"), _ => string.Empty)); // refused as a wrong password is
            }

            var answer = await send(request);
            if (login is "probe" && fields["password"] == "probe-pw" && answer.Headers.TryGetValues("Set-Cookie", out var set)
                && set.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal)) is { } cookie)
            {
                first[login] = cookie["JSESSIONID=".Length..]; // the session it holds now (a login renews the id)
            }

            return answer;
        }) { InnerHandler = handler });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.LoginParameters, "form-and-query").Profile! with { Name = "recorder" });

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(inner, [], [], TimeSpan.Zero).ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        System.Text.Json.JsonDocument.Parse(probe.Json).RootElement.GetProperty("loginParameters").GetString().ShouldBe("form-and-query", string.Join("\n", probe.Summary));

        static string? Cookie(HttpRequestMessage request) =>
            request.Headers.TryGetValues("Cookie", out var cookies)
                ? cookies.SelectMany(c => c.Split(';')).Select(c => c.Trim()).Where(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal)).Select(c => c["JSESSIONID=".Length..]).LastOrDefault()
                : null;
    }

    /// <summary>
    /// The probe of <paramref name="inner"/> seen as a real recorder, with an account of each kind (all rights; list and
    /// pause with phone masks 555*; list only; none) and two calls, the second outside agent's masks.
    /// </summary>
    private static async Task<PauseResume.Conformance.Probe.ProbeResult> ProbeFourAccountsAsync(InProcessTarget inner)
    {
        var accounts = new[]
        {
            new PauseResume.Conformance.Model.ModelUser("admin", "admin-pw", true, true, []),
            new PauseResume.Conformance.Model.ModelUser("agent", "agent-pw", true, true, ["555*"]),
            new PauseResume.Conformance.Model.ModelUser("viewer", "viewer-pw", true, false, []),
            new PauseResume.Conformance.Model.ModelUser("kiosk", "kiosk-pw", false, false, []),
        };
        var couples = await inner.Control!.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new PauseResume.Conformance.Scenarios.CallSpec("6001", "10022", "10.0.0.6", "10.0.1.22")]), TestContext.Current.CancellationToken);
        return await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [couples[0].Id], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);
    }
}
