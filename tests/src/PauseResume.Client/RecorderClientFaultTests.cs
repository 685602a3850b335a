using System.Net;
using PauseResume.Client.Tests.Support;
using PauseResume.Simulator.Faults;
using static PauseResume.Client.Tests.Support.Arrange;

namespace PauseResume.Client.Tests;

/// <summary>The client against a recorder that restarts, goes into maintenance and cuts its answers (the simulator's faults).</summary>
public sealed class RecorderClientFaultTests : AuditedRecorderTests
{
    [Fact]
    public async Task After_a_restart_ends_every_session_the_client_logs_in_again_and_the_hold_goes_through()
    {
        var recorder = StartRecorder();
        var logger = new RecordingLogger();
        await using var client = await LoggedIn(recorder, "agent", "agent-pw", logger: logger);
        recorder.Faults.Add(new Fault("restart", FaultKind.Restart));

        var hold = await client.HoldAsync(CoupleQuery.ByPhone("10012"), TestContext.Current.CancellationToken);

        hold.Changed.ShouldBe([AgentsCouple, ConferenceLeg], "SES-6: the session the restart ended is re-established once");
        recorder.Faults.List().ShouldHaveSingleItem().Injected.ShouldBe(1);
        recorder.Log.Lines.Count(l => l.Contains("agent logged in (SES-1)", StringComparison.Ordinal)).ShouldBe(2, "one login, one re-login");
    }

    [Fact]
    public async Task A_503_is_reported_as_unreachable_with_the_servers_message_and_the_client_works_once_the_window_is_over()
    {
        var recorder = StartRecorder();
        await using var client = await LoggedIn(recorder, "agent", "agent-pw");
        recorder.Faults.Add(new Fault("upgrade", FaultKind.Maintenance) { Duration = TimeSpan.FromMinutes(10), Body = "Recorder upgrade until 12:10" });

        var error = await Should.ThrowAsync<RecorderException>(() => client.ListCouplesAsync(cancellationToken: TestContext.Current.CancellationToken));
        recorder.Advance(TimeSpan.FromMinutes(10));
        var couples = await client.ListCouplesAsync(cancellationToken: TestContext.Current.CancellationToken);

        error.Error.ShouldBe(RecorderError.Unreachable, error.Message);
        error.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        error.ServerMessage.ShouldBe("Recorder upgrade until 12:10");
        error.Message.ShouldContain("unavailable");
        couples.Select(c => c.Id).ShouldBe([AgentsCouple, OthersCouple, ConferenceLeg]);
    }

    [Fact]
    public async Task A_login_during_maintenance_is_unreachable_not_rejected()
    {
        var recorder = StartRecorder();
        recorder.Faults.Add(new Fault("upgrade", FaultKind.Maintenance) { Duration = TimeSpan.FromMinutes(10) });
        await using var client = Arrange.Client(recorder);

        var error = await Should.ThrowAsync<RecorderException>(() => client.LoginAsync("agent", "agent-pw", TestContext.Current.CancellationToken));

        error.Error.ShouldBe(RecorderError.Unreachable, "SES-3 says nothing of a 503: the login was not handled, the credentials were not judged");
        error.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        error.ServerMessage.ShouldBe("Service Unavailable");
    }

    [Fact]
    public async Task A_pause_whose_answer_was_cut_is_unreachable_says_it_may_have_taken_effect_and_the_next_call_works()
    {
        var recorder = StartRecorder();
        await using var client = await LoggedIn(recorder, "agent", "agent-pw");
        var listed = (await client.ListCouplesAsync(CoupleQuery.ByPhone("5551234"), TestContext.Current.CancellationToken)).ShouldHaveSingleItem();
        var details = await client.GetDetailsAsync(listed, TestContext.Current.CancellationToken);
        recorder.Faults.Add(new Fault("cut", FaultKind.Abort) { Rule = "PSE-1" });

        var error = await Should.ThrowAsync<RecorderException>(() => client.PauseAsync(details, TestContext.Current.CancellationToken));
        var again = await client.GetDetailsAsync(listed, TestContext.Current.CancellationToken);
        recorder.Faults.Remove("cut");
        await client.ResumeAsync(again, TestContext.Current.CancellationToken);

        error.Error.ShouldBe(RecorderError.Unreachable, error.Message);
        error.Message.ShouldContain("may have taken effect");
        again.Paused.ShouldBe(true, "PSE-1: the cut pause happened, and the details say so");
        recorder.Recorder.Find(AgentsCouple)!.History.ShouldHaveSingleItem().ResumedBy.ShouldBe("agent");
    }

    [Fact]
    public async Task A_list_cut_part_way_is_unreachable_and_the_next_list_works()
    {
        var recorder = StartRecorder();
        await using var client = await LoggedIn(recorder, "agent", "agent-pw");
        recorder.Faults.Add(new Fault("half", FaultKind.Truncate) { Path = "/callrec/restful/couples.xml", Probability = 1 });

        var error = await Should.ThrowAsync<RecorderException>(() => client.ListCouplesAsync(cancellationToken: TestContext.Current.CancellationToken));
        recorder.Faults.Clear();
        var couples = await client.ListCouplesAsync(cancellationToken: TestContext.Current.CancellationToken);

        error.Error.ShouldBe(RecorderError.Unreachable, error.Message);
        couples.Select(c => c.Id).ShouldBe([AgentsCouple, OthersCouple, ConferenceLeg]);
    }
}
