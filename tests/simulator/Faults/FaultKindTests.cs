using System.Net;
using PauseResume.Simulator.Faults;
using PauseResume.Simulator.Tests.Support;
using static PauseResume.Simulator.Tests.Support.TestWorlds;

namespace PauseResume.Simulator.Tests.Faults;

/// <summary>Each kind of fault as a client of the legacy API meets it, and what it leaves in the recorder's state.</summary>
public sealed class FaultKindTests
{
    private static Task<FakeRecorder> StartAsync(params Fault[] faults) => StartAsync(FakeTransport.TestHost, faults);

    private static Task<FakeRecorder> StartAsync(FakeTransport transport, params Fault[] faults) =>
        faults.Aggregate(FakeRecorder.CreateBuilder().WithWorld(Small()).WithTransport(transport), (b, f) => b.WithFault(f))
            .StartAsync(TestContext.Current.CancellationToken);

    [Theory]
    [InlineData(FakeTransport.TestHost)]
    [InlineData(FakeTransport.Inline)]
    public async Task A_latency_fault_answers_only_once_the_simulators_clock_has_moved_past_its_delay(FakeTransport transport)
    {
        await using var recorder = await StartAsync(transport, new Fault("slow", FaultKind.Latency) { Latency = TimeSpan.FromMilliseconds(250) });
        var client = await LoggedInWithoutFaultsAsync(recorder);

        var answer = client.ListAsync();
        var advanced = TimeSpan.Zero;
        while (!answer.IsCompleted)
        {
            TestContext.Current.CancellationToken.ThrowIfCancellationRequested();
            recorder.Advance(TimeSpan.FromMilliseconds(10));
            advanced += TimeSpan.FromMilliseconds(10);
            await Task.Yield();
        }

        var response = await answer;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "latency delays the answer, it does not change it");
        advanced.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250), "the delay is waited on the simulator's clock, so a manual clock drives it");
        response.Headers.GetValues("X-Simulator-Fault").ShouldBe(["slow"]);
        recorder.Log.Lines[^1].ShouldContain("(LST-5); fault slow (latency): answered 250 ms late");
    }

    /// <summary>
    /// A request held by a latency fault is answered once the fault is switched off (deleted, or every fault cleared): on a
    /// manual clock that no one moves it waited on after the fault was gone.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_request_a_latency_fault_holds_is_answered_when_the_fault_is_switched_off(bool clearAll)
    {
        await using var recorder = await StartAsync(new Fault("lat", FaultKind.Latency) { Latency = TimeSpan.FromMinutes(10) });
        var client = await LoggedInWithoutFaultsAsync(recorder);
        var answer = client.ListAsync();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        answer.IsCompleted.ShouldBeFalse("the manual clock has not moved");

        if (clearAll)
        {
            recorder.Faults.Clear();
        }
        else
        {
            recorder.Faults.Remove("lat").ShouldBeTrue();
        }

        var response = await answer.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        recorder.Log.Lines[^1].ShouldContain("fault lat (latency): its 600000 ms delay was cut short when the fault was switched off");
    }

    [Fact]
    public async Task A_status_fault_answers_its_status_and_body_instead_of_the_recorder_so_a_pause_does_not_happen()
    {
        await using var recorder = await StartAsync();
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        recorder.Faults.Add(new Fault("boom", FaultKind.Status) { Status = 500, Body = "java.lang.NullPointerException" }).ShouldBe(FaultAdded.Added);

        var response = await client.PauseAsync(AgentsCouple);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("java.lang.NullPointerException\n");
        response.Headers.GetValues("X-Simulator-Fault").ShouldBe(["boom"]);
        recorder.Recorder.Find(AgentsCouple)!.History.ShouldBeEmpty("a status fault acts before the request is handled: nothing happens");
        recorder.Log.Lines[^1].ShouldBe($"POST /callrec/restful/couples.xml/{AgentsCouple}/pausedState → 500: fault boom (status): answered instead of the handler; the request was not handled");
    }

    [Fact]
    public async Task A_maintenance_window_answers_503_until_its_duration_has_passed_on_the_simulators_clock()
    {
        await using var recorder = await StartAsync();
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        recorder.Faults.Add(new Fault("upgrade", FaultKind.Maintenance) { Duration = TimeSpan.FromMinutes(5) });

        var during = await client.ListAsync();
        recorder.Advance(TimeSpan.FromMinutes(5));
        var after = await client.ListAsync();

        during.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await during.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Service Unavailable\n");
        after.StatusCode.ShouldBe(HttpStatusCode.OK, "the window is over, and the session it did not touch still works");
        var state = recorder.Faults.List().ShouldHaveSingleItem();
        (state.Injected, state.Active, state.Until).ShouldBe((1L, false, FakeRecorder.Epoch + TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task A_restart_ends_every_session_once_so_the_next_request_is_403_and_a_new_login_works()
    {
        await using var recorder = await StartAsync();
        var admin = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var agent = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "agent", "agent-pw");
        recorder.Faults.Add(new Fault("restart", FaultKind.Restart));

        var first = await admin.ListAsync();
        var other = await agent.ListAsync();
        await admin.LoginAsync("admin", "secret");
        var again = await admin.ListAsync();

        first.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "LST-2: the restart ended the session before this request was handled");
        first.Headers.GetValues("X-Simulator-Fault").ShouldBe(["restart"]);
        other.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "LST-2: every session ended");
        other.Headers.Contains("X-Simulator-Fault").ShouldBeFalse("a restart is one-shot");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        recorder.Recorder.Couples().Count.ShouldBe(3, "a restart ends sessions, not calls");
        recorder.Faults.List().ShouldHaveSingleItem().ShouldBe(new FaultState(new Fault("restart", FaultKind.Restart), 1, false, null));
        recorder.Log.Lines.ShouldContain(l => l.Contains("fault restart (restart): the recorder restarted before this request: 2 session(s) ended", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(FakeTransport.TestHost)]
    [InlineData(FakeTransport.Inline)]
    public async Task An_aborted_pause_took_effect_and_its_history_says_who_paused_it_though_the_client_got_no_answer(FakeTransport transport)
    {
        await using var recorder = await StartAsync(transport, new Fault("cut", FaultKind.Abort) { Path = "/callrec/restful/couples.xml/*/pausedState" });
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");

        var exception = await Should.ThrowAsync<HttpRequestException>(() => client.PauseAsync(AgentsCouple));

        exception.HttpRequestError.ShouldBe(HttpRequestError.ResponseEnded, "in-process as over a socket: the answer ended before it began");
        var interval = recorder.Recorder.Find(AgentsCouple)!.History.ShouldHaveSingleItem("PSE-1: abort acts after the decision, so the pause happened");
        (interval.PausedBy, interval.PausedSession, interval.IsOpen).ShouldBe(("admin", client.SessionId!, true));
        recorder.Log.Lines[^1].ShouldContain("(PSE-1); fault cut (abort): the connection was cut before the answer; the request took effect");
        recorder.Faults.List().ShouldHaveSingleItem().Injected.ShouldBe(1);
    }

    [Theory]
    [InlineData(FakeTransport.TestHost)]
    [InlineData(FakeTransport.Inline)]
    public async Task A_truncated_list_sends_its_status_its_headers_and_half_of_its_document_then_the_connection_is_cut(FakeTransport transport)
    {
        await using var recorder = await StartAsync(transport);
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        var whole = await (await client.ListAsync()).Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        recorder.Faults.Add(new Fault("half", FaultKind.Truncate));
        using var request = new HttpRequestMessage(HttpMethod.Get, LegacyClient.CouplesPath);
        request.Headers.Add("Cookie", $"JSESSIONID={client.SessionId}");

        using var response = await recorder.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var received = new MemoryStream();
        var reading = await Should.ThrowAsync<Exception>(() => response.Content.CopyToAsync(received, TestContext.Current.CancellationToken));

        (reading is HttpRequestException or IOException).ShouldBeTrue($"a cut answer is a transport error, not {reading.GetType().Name}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "LST-5: the list was decided; only its answer is cut");
        response.Content.Headers.ContentLength.ShouldBe(whole.Length, "the headers promise the whole document");
        response.Headers.GetValues("X-Simulator-Fault").ShouldBe(["half"]);
        received.Length.ShouldBeLessThan(whole.Length, reading.Message);
        received.ToArray().ShouldBe(whole[..(int)received.Length], "what arrives is the start of the document (through TestHost the half written may be lost with the cut; over Kestrel it arrives)");
        if (transport == FakeTransport.Inline)
        {
            received.Length.ShouldBe(whole.Length / 2, "inline, the half written before the cut arrives, then the cut, as over a socket");
        }
        recorder.Log.Lines[^1].ShouldContain("(LST-5); fault half (truncate): the answer was cut part way; the request took effect");
    }

    private static async Task<LegacyClient> LoggedInWithoutFaultsAsync(FakeRecorder recorder)
    {
        var saved = recorder.Faults.List().Select(s => s.Fault).ToList();
        recorder.Faults.Clear();
        var client = await LegacyClient.LoggedInAsync(recorder.CreateClient(), "admin", "secret");
        saved.ForEach(f => recorder.Faults.Add(f));
        return client;
    }
}
