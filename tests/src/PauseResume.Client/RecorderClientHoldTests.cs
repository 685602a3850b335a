using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Client.Tests.Support;
using static PauseResume.Client.Tests.Support.Arrange;

namespace PauseResume.Client.Tests;

public sealed class RecorderClientHoldTests : AuditedRecorderTests
{
    [Fact]
    public async Task Hold_by_the_agents_phone_pauses_every_couple_of_the_call_and_unhold_resumes_them()
    {
        var recorder = StartRecorder();
        await using var client = await LoggedIn(recorder, "agent", "agent-pw");

        var hold = await client.HoldAsync(CoupleQuery.ByPhone("10012"));
        var heldStates = new[] { AgentsCouple, ConferenceLeg }.Select(id => recorder.Recorder.Find(id)!.Paused).ToList();
        var unhold = await client.UnholdAsync(CoupleQuery.ByPhone("10012"));

        hold.Changed.ShouldBe([AgentsCouple, ConferenceLeg]);
        heldStates.ShouldAllBe(paused => paused);
        recorder.Recorder.Find(OthersCouple)!.Paused.ShouldBeFalse();
        unhold.Changed.ShouldBe([AgentsCouple, ConferenceLeg]);
        new[] { AgentsCouple, ConferenceLeg }.ShouldAllBe(id => !recorder.Recorder.Find(id)!.Paused);
    }

    /// <summary>
    /// LST-7: a recorder that gives a user without Call List an empty list (listWithoutCallList=empty) lets that user's
    /// login check pass; a hold then finds no call, and the error names the missing right as a possible cause.
    /// </summary>
    [Fact]
    public async Task LST_7_A_user_without_Call_List_on_a_recorder_that_lists_nothing_for_it_gets_NoMatchingCall_naming_the_right()
    {
        var recorder = StartRecorder(RecorderProfile.Default with { ListWithoutCallList = ListWithoutCallList.Empty });
        await using var client = await LoggedIn(recorder, "guest", "guest-pw");

        var error = await Should.ThrowAsync<RecorderException>(() => client.HoldAsync(CoupleQuery.ByPhone("10012")));

        client.User.ShouldBe("guest", "SES-3: the check after the login answered 200 with an empty list");
        error.Error.ShouldBe(RecorderError.NoMatchingCall);
        error.Message.ShouldContain("guest lacks Call List");
        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBeFalse("nothing was paused");
    }

    /// <summary>
    /// LST-5, DET-2: a recorder behind a proxy, configured with its own name, writes links to a host the client cannot
    /// reach; one may write paths from its root with no host at all (linkOrigin=relative).
    /// </summary>
    [Theory]
    [InlineData("http://recorder-internal:8080")]
    [InlineData(RecorderProfile.RelativeLinkOrigin)]
    public async Task Hold_works_on_a_recorder_whose_links_name_another_host_or_none(string linkOrigin)
    {
        var recorder = StartRecorder(RecorderProfile.Default with { LinkOrigin = linkOrigin });
        var network = new OnlyReaches(recorder.BaseAddress) { InnerHandler = recorder.CreateHandler() };
        await using var client = new RecorderClient(new HttpClient(network) { BaseAddress = recorder.BaseAddress });

        await HoldsTheAgentsCallAsync(recorder, client);
    }

    /// <summary>LST-5, DET-2: the links' paths start at the recorder's own root; behind the gateway that root is the gateway's path.</summary>
    [Theory]
    [InlineData("http://recorder-internal:8080")]
    [InlineData(RecorderProfile.RelativeLinkOrigin)]
    public async Task Hold_works_behind_a_gateway_that_mounts_the_recorder_under_a_path_when_its_links_name_another_host_or_none(string linkOrigin)
    {
        var recorder = StartRecorder(RecorderProfile.Default with { LinkOrigin = linkOrigin });
        var gateway = new Uri("https://gateway.test/recorder/");
        var network = new Gateway(gateway, recorder.BaseAddress) { InnerHandler = recorder.CreateHandler() };
        await using var client = new RecorderClient(new HttpClient(network) { BaseAddress = gateway });

        await HoldsTheAgentsCallAsync(recorder, client);
    }

    private static async Task HoldsTheAgentsCallAsync(FakeRecorder recorder, RecorderClient client)
    {
        await client.LoginAsync("agent", "agent-pw");

        var hold = await client.HoldAsync(CoupleQuery.ByPhone("10012"));

        hold.Changed.ShouldBe([AgentsCouple, ConferenceLeg]);
        new[] { AgentsCouple, ConferenceLeg }.ShouldAllBe(id => recorder.Recorder.Find(id)!.Paused);
    }

    [Fact]
    public async Task Hold_by_the_agents_IP_works_the_same()
    {
        var recorder = StartRecorder();
        await using var client = await LoggedIn(recorder, "agent", "agent-pw");

        var hold = await client.HoldAsync(CoupleQuery.ByIp("10.0.1.12"));

        hold.Changed.ShouldBe([AgentsCouple, ConferenceLeg]);
    }

    [Fact]
    public async Task Holding_twice_is_harmless_and_says_nothing_changed()
    {
        var recorder = StartRecorder();
        await using var client = await LoggedIn(recorder, "agent", "agent-pw");
        await client.HoldAsync(CoupleQuery.ByPhone("10012"));

        var again = await client.HoldAsync(CoupleQuery.ByPhone("10012"));

        again.Changed.ShouldBeEmpty();
        again.AlreadyInState.ShouldBe([AgentsCouple, ConferenceLeg]);
        recorder.Recorder.Find(AgentsCouple)!.History.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Hold_with_no_call_in_progress_says_so()
    {
        var recorder = StartRecorder();
        await using var client = await LoggedIn(recorder, "agent", "agent-pw");

        var error = await Should.ThrowAsync<RecorderException>(() => client.HoldAsync(CoupleQuery.ByPhone("10019")));

        error.Error.ShouldBe(RecorderError.NoMatchingCall);
    }

    [Fact]
    public async Task Hold_without_the_right_to_pause_every_couple_changes_nothing()
    {
        var recorder = StartRecorder();
        await using var agent = await LoggedIn(recorder, "agent", "agent-pw");
        await using var monitor = await LoggedIn(recorder, "monitor", "monitor-pw");

        var noRight = await Should.ThrowAsync<RecorderException>(() => monitor.HoldAsync(CoupleQuery.ByPhone("10012")));
        var partlyHidden = await Should.ThrowAsync<RecorderException>(() => agent.HoldAsync(CoupleQuery.ByIp("10.0.0.5")));

        noRight.Error.ShouldBe(RecorderError.NoPermission);
        partlyHidden.Error.ShouldBe(RecorderError.NoPermission, "couple 24198 is outside the agent's masks");
        recorder.Recorder.Couples().ShouldAllBe(c => c.History.Count == 0);
    }

    /// <summary>
    /// PSE-1: a transferred leg of the agent's call that carries neither the agent's number nor its IP is not listed by
    /// them: a hold of the couples listed leaves it recording (the simulator's default pauses a couple alone), a hold of
    /// the whole call pauses it too, and its unhold resumes it.
    /// </summary>
    [Fact]
    public async Task PSE_1_A_hold_of_the_whole_call_pauses_a_leg_without_the_agents_number_too()
    {
        // Arrange: the customer transferred on to 10015 (within agent's masks), a leg of the agent's call
        var recorder = StartRecorder();
        var transferred = recorder.Recorder.StartCall(new NewCall("5551234", "10015", "10.0.0.5", "10.0.1.15", Direction.Incoming, CallId: Simulator.Domain.World.DefaultFirstCallId)).Id;
        await using var client = await LoggedIn(recorder, "agent", "agent-pw");

        // Act
        var listed = await client.HoldAsync(CoupleQuery.ByPhone("10012"));
        var transferredAfterListed = recorder.Recorder.Find(transferred)!.Paused;
        var whole = await client.HoldAsync(CoupleQuery.ByPhone("10012"), HoldReach.WholeCall);
        var heldAfterWhole = new[] { AgentsCouple, ConferenceLeg, transferred }.Select(id => recorder.Recorder.Find(id)!.Paused).ToList();
        var unhold = await client.UnholdAsync(CoupleQuery.ByPhone("10012"), HoldReach.WholeCall);

        // Assert
        listed.Changed.ShouldBe([AgentsCouple, ConferenceLeg]);
        transferredAfterListed.ShouldBeFalse("the couples listed by the agent's number do not hold the transferred leg");
        whole.Changed.ShouldBe([transferred]);
        whole.AlreadyInState.ShouldBe([AgentsCouple, ConferenceLeg]);
        whole.Calls.ShouldBe([Simulator.Domain.World.DefaultFirstCallId]);
        heldAfterWhole.ShouldAllBe(paused => paused);
        unhold.Changed.ShouldBe([AgentsCouple, ConferenceLeg, transferred]);
        recorder.Recorder.Find(OthersCouple)!.History.ShouldBeEmpty("another call is left alone");
    }

    /// <summary>
    /// DET-2, LST-5: a leg of the call the user may not see (outside its phone masks) cannot be paused by it: a hold of the
    /// whole call refuses and changes nothing, naming the leg and its call; the couples listed are still held on request.
    /// </summary>
    [Fact]
    public async Task DET_2_A_hold_of_the_whole_call_with_a_leg_the_user_may_not_pause_changes_nothing()
    {
        // Arrange: the call transferred on to 10020, outside agent's masks (1001?)
        var recorder = StartRecorder();
        var transferred = recorder.Recorder.StartCall(new NewCall("5551234", "10020", "10.0.0.5", "10.0.1.20", Direction.Incoming, CallId: Simulator.Domain.World.DefaultFirstCallId)).Id;
        await using var client = await LoggedIn(recorder, "agent", "agent-pw");

        // Act
        var error = await Should.ThrowAsync<RecorderException>(() => client.HoldAsync(CoupleQuery.ByPhone("10012"), HoldReach.WholeCall));

        // Assert
        error.Error.ShouldBe(RecorderError.NoPermission);
        error.Message.ShouldContain($"couple {transferred} of call {Simulator.Domain.World.DefaultFirstCallId}");
        error.Message.ShouldContain("nothing was changed");
        recorder.Recorder.Couples().ShouldAllBe(c => c.History.Count == 0);
    }

    /// <summary>
    /// LST-3: a number or IP in several calls at once lists a couple of each; the result names every call it held, so a
    /// caller can tell a hold that spanned calls (the customer's gateway IP is in both calls of the small world).
    /// </summary>
    [Fact]
    public async Task LST_3_A_hold_by_an_IP_in_two_calls_names_both_calls()
    {
        var recorder = StartRecorder();
        await using var client = await LoggedIn(recorder, "admin", "secret");
        var calls = (await client.ListCouplesAsync(CoupleQuery.ByIp("10.0.0.5"))).Select(c => c.CallId).Distinct().ToList();

        var hold = await client.HoldAsync(CoupleQuery.ByIp("10.0.0.5"));
        await client.UnholdAsync(CoupleQuery.ByIp("10.0.0.5"));

        calls.Count.ShouldBe(2);
        hold.Calls.ShouldBe(calls);
        hold.Changed.ShouldBe([AgentsCouple, OthersCouple]);
    }

    /// <summary>
    /// DET-3: a couple that ends between the list and the reading of its details needs no hold: it is set aside in the
    /// result, and the other couples are held (the hold failed with CoupleNotFound before).
    /// </summary>
    [Fact]
    public async Task DET_3_A_couple_that_ends_before_its_details_are_read_is_set_aside_and_the_rest_held()
    {
        // Arrange: the conference leg ends as its details are asked for
        var recorder = StartRecorder();
        var ending = new EndsOnDetails(recorder, ConferenceLeg) { InnerHandler = recorder.CreateHandler() };
        await using var client = new RecorderClient(new HttpClient(ending) { BaseAddress = recorder.BaseAddress });
        await client.LoginAsync("agent", "agent-pw");

        // Act
        var hold = await client.HoldAsync(CoupleQuery.ByPhone("10012"));
        await client.UnholdAsync(CoupleQuery.ByPhone("10012"));

        // Assert
        hold.Changed.ShouldBe([AgentsCouple]);
        hold.Ended.ShouldBe([ConferenceLeg]);
        recorder.Recorder.Find(ConferenceLeg)!.History.ShouldBeEmpty();
    }

    /// <summary>
    /// PSE-1, PSE-3: on a recorder that pauses the whole call (pauseScope=call), the first leg's pause reaches the other
    /// legs, and a recorder that refuses a pause that changes nothing (unchangedPauseStatus=409, which the client was not
    /// told) refused the next leg's: the hold failed with every leg paused. Legs of a call changed in this hold are read
    /// again first, and the one already paused is said so.
    /// </summary>
    [Theory]
    [InlineData(HoldReach.Listed)]
    [InlineData(HoldReach.WholeCall)]
    public async Task PSE_1_A_hold_on_a_recorder_that_pauses_the_whole_call_takes_the_other_legs_as_already_paused(HoldReach reach)
    {
        var recorder = StartRecorder(RecorderProfile.Default with { PauseScope = PauseScope.Call, UnchangedPauseStatus = 409 });
        await using var client = await LoggedIn(recorder, "agent", "agent-pw");

        var hold = await client.HoldAsync(CoupleQuery.ByPhone("10012"), reach);
        var unhold = await client.UnholdAsync(CoupleQuery.ByPhone("10012"), reach);

        hold.Changed.ShouldBe([AgentsCouple]);
        hold.AlreadyInState.ShouldBe([ConferenceLeg]);
        unhold.Changed.ShouldBe([AgentsCouple]);
        unhold.AlreadyInState.ShouldBe([ConferenceLeg]);
        recorder.Recorder.Find(ConferenceLeg)!.Paused.ShouldBeFalse();
    }

    /// <summary>
    /// DET-3: under refusalOrder=masks-first a user with phone masks is refused an ended couple 403, as one outside its
    /// masks: a leg that ends as its details are read is told from a refusal by the list, which no longer holds it. A 404
    /// for a couple the list still holds (a link a proxy rewrote wrongly, say) is no end: the hold fails and changes nothing.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DET_3_A_refusal_of_a_couple_is_taken_for_its_end_only_where_the_list_no_longer_holds_it(bool ends)
    {
        // Arrange
        var recorder = StartRecorder(RecorderProfile.Default with { RefusalOrder = RefusalOrder.MasksFirst });
        var handler = ends
            ? (HttpMessageHandler)new EndsOnDetails(recorder, ConferenceLeg) { InnerHandler = recorder.CreateHandler() }
            : new NotFoundOnDetails(ConferenceLeg) { InnerHandler = recorder.CreateHandler() };
        await using var client = new RecorderClient(new HttpClient(handler) { BaseAddress = recorder.BaseAddress });
        await client.LoginAsync("agent", "agent-pw");

        // Act
        var hold = ends ? await client.HoldAsync(CoupleQuery.ByPhone("10012")) : null;
        var error = ends ? null : await Should.ThrowAsync<RecorderException>(() => client.HoldAsync(CoupleQuery.ByPhone("10012")));
        if (ends)
        {
            await client.UnholdAsync(CoupleQuery.ByPhone("10012"));
        }

        // Assert
        if (ends)
        {
            hold!.Changed.ShouldBe([AgentsCouple]);
            hold.Ended.ShouldBe([ConferenceLeg]);
        }
        else
        {
            error!.Error.ShouldBe(RecorderError.CoupleNotFound);
            recorder.Recorder.Couples().ShouldAllBe(c => c.History.Count == 0, "nothing was changed");
        }
    }

    [Fact]
    public async Task Hold_reaches_only_the_values_it_names()
    {
        var recorder = StartRecorder();
        await using var client = await LoggedIn(recorder, "agent", "agent-pw");

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => client.HoldAsync(CoupleQuery.ByPhone("10012"), (HoldReach)7));
        recorder.Recorder.Couples().ShouldAllBe(c => c.History.Count == 0);
    }

    [Fact]
    public async Task Hold_needs_a_phone_number_or_an_IP()
    {
        var recorder = StartRecorder();
        await using var client = await LoggedIn(recorder, "agent", "agent-pw");

        await Should.ThrowAsync<ArgumentException>(() => client.HoldAsync(CoupleQuery.All));
    }

    /// <summary>A gateway that serves the recorder's root under its own path, and answers 404 to anything else.</summary>
    private sealed class Gateway(Uri mounted, Uri recorder) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var address = request.RequestUri!;
            if (address.Authority != mounted.Authority || !address.AbsolutePath.StartsWith(mounted.AbsolutePath, StringComparison.Ordinal))
            {
                return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NotFound) { RequestMessage = request });
            }

            request.RequestUri = new Uri(recorder, address.PathAndQuery[mounted.AbsolutePath.Length..]);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Ends a couple's call when its details are asked for, before the recorder answers.</summary>
    private sealed class EndsOnDetails(FakeRecorder recorder, long couple) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith($"/couples.xml/{couple}", StringComparison.Ordinal))
            {
                recorder.Recorder.EndCall(couple);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Answers 404 to the details of a couple in progress, as a link rewritten wrongly on its way would be.</summary>
    private sealed class NotFoundOnDetails(long couple) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith($"/couples.xml/{couple}", StringComparison.Ordinal)
                ? Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NotFound) { RequestMessage = request, Content = new StringContent("no such page") })
                : base.SendAsync(request, cancellationToken);
    }

    /// <summary>A network on which only the recorder's address the client was given answers.</summary>
    private sealed class OnlyReaches(Uri address) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.Authority == address.Authority
                ? base.SendAsync(request, cancellationToken)
                : throw new HttpRequestException($"{request.RequestUri.Host} cannot be reached");
    }
}
