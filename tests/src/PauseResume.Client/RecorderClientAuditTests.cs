using PauseResume.Simulator.Hosting;
using PauseResume.Client.Tests.Support;
using static PauseResume.Client.Tests.Support.Arrange;

namespace PauseResume.Client.Tests;

/// <summary>
/// The simulator's client audit finds nothing to say about this client's main flows: the proof that the client
/// keeps the documented procedure, and that the audit does not cry wolf.
/// </summary>
public sealed class RecorderClientAuditTests : AuditedRecorderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_list_details_hold_unhold_and_logout_pass_the_audit_clean()
    {
        var recorder = StartRecorder();
        var client = await LoggedIn(recorder, "agent", "agent-pw");

        var listed = await client.ListCouplesAsync(cancellationToken: Token);
        await client.GetDetailsAsync(listed.First(c => c.DetailsLink is not null), Token);
        var hold = await client.HoldAsync(CoupleQuery.ByPhone("10012"), Token);
        var unhold = await client.UnholdAsync(CoupleQuery.ByPhone("10012"), Token);
        await client.LogoutAsync(Token);

        hold.Changed.ShouldBe([AgentsCouple, ConferenceLeg], "PSE-1");
        unhold.Changed.ShouldBe([AgentsCouple, ConferenceLeg], "PSE-1");
        recorder.Audit.ShouldBeClean(); // also asserted by the fixture; said here, as it is what these tests are about
    }

    [Fact]
    public async Task Pause_and_resume_through_the_links_pass_the_audit_clean()
    {
        var recorder = StartRecorder();
        var client = await LoggedIn(recorder, "admin", "secret");
        var details = await client.GetDetailsAsync((await client.ListCouplesAsync(CoupleQuery.ByPhone("5551234"), Token)).Single(), Token);

        await client.PauseAsync(details, Token);
        await client.ResumeAsync(details, Token);
        await client.DisposeAsync(); // logs out (SES-5)

        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBeFalse("PSE-1");
        recorder.Audit.ShouldBeClean(); // also asserted by the fixture; said here, as it is what these tests are about
    }

    [Fact]
    public async Task SES_6_Logging_in_again_after_the_session_expired_passes_the_audit_clean()
    {
        var recorder = StartRecorder();
        var client = await LoggedIn(recorder, "admin", "secret");
        var details = await client.GetDetailsAsync((await client.ListCouplesAsync(CoupleQuery.ByPhone("5551234"), Token)).Single(), Token);
        recorder.Advance(TimeSpan.FromMinutes(31));

        await client.PauseAsync(details, Token);
        await client.ResumeAsync(details, Token);
        await client.DisposeAsync();

        recorder.Log.Lines.Count(l => l.Contains("admin logged in", StringComparison.Ordinal)).ShouldBe(2, "SES-6");
        recorder.Audit.ShouldBeClean(); // also asserted by the fixture; said here, as it is what these tests are about
    }

    [Fact]
    public async Task SES_3_A_rejected_login_passes_the_audit_clean_since_the_client_checks_it_and_stops()
    {
        var recorder = StartRecorder();
        var client = Arrange.Client(recorder);

        var rejected = await Should.ThrowAsync<RecorderException>(() => client.LoginAsync("agent", "wrong", Token));
        await client.DisposeAsync();

        rejected.Error.ShouldBe(RecorderError.LoginRejected, "SES-3");
        recorder.Audit.ShouldBeClean(); // also asserted by the fixture; said here, as it is what these tests are about
    }

    [Fact]
    public async Task DET_2_Pause_by_the_id_of_a_listed_couple_builds_the_documented_path_and_passes_the_audit_clean()
    {
        var recorder = StartRecorder();
        var client = await LoggedIn(recorder, "admin", "secret");
        var listed = (await client.ListCouplesAsync(CoupleQuery.ByPhone("5551234"), Token)).Single();

        await client.PauseAsync(listed.Id, Token);
        await client.ResumeAsync(listed.Id, Token);
        await client.DisposeAsync();

        recorder.Log.Lines.ShouldContain($"POST /callrec/restful/couples.xml/{AgentsCouple}/pausedState?paused=true → 204: admin paused couple {AgentsCouple} (PSE-1)");
        recorder.Audit.Report().IsClean.ShouldBeTrue("DET-2 documents the path built from a listed couple's id");
    }

    [Fact]
    public async Task DET_2_Pause_by_an_id_this_session_never_listed_is_what_the_audit_names()
    {
        var recorder = StartRecorder();
        var client = await LoggedIn(recorder, "admin", "secret");
        AllowFindings("unlinked-pausedState");

        await client.PauseAsync(AgentsCouple, Token); // an id known from the simulator's world, not from the recorder
        await client.ResumeAsync(AgentsCouple, Token);
        await client.DisposeAsync();

        var findings = recorder.Audit.Report().Findings;
        findings.Select(f => (f.Name, f.Rule)).Distinct().ShouldBe([("unlinked-pausedState", "DET-2")]);
        findings.SelectMany(f => f.Requests).Select(r => r.ToString()).ShouldBe(
            [$"POST /callrec/restful/couples.xml/{AgentsCouple}/pausedState?paused=true → 204", $"POST /callrec/restful/couples.xml/{AgentsCouple}/pausedState?paused=false → 204"], "DET-2");
    }

    [Fact]
    public async Task LST_7_A_login_that_worked_for_a_user_without_Call_List_is_logged_out_when_the_check_refuses_it()
    {
        var recorder = StartRecorder();
        var client = Arrange.Client(recorder);

        var rejected = await Should.ThrowAsync<RecorderException>(() => client.LoginAsync("guest", "guest-pw", Token));
        await client.DisposeAsync();

        rejected.Error.ShouldBe(RecorderError.LoginRejected, "SES-3");
        recorder.Recorder.SessionCount.ShouldBe(0, "SES-5: no session is left logged in with nobody to end it");
        recorder.Audit.Report().IsClean.ShouldBeTrue(recorder.Audit.Report().ToString());
    }

    [Fact]
    public async Task LST_2_A_refused_list_is_its_own_session_check_and_is_not_asked_again()
    {
        var recorder = StartRecorder();
        var client = await LoggedIn(recorder, "admin", "secret", new RecorderClientOptions { ReestablishExpiredSession = false });
        recorder.Advance(TimeSpan.FromMinutes(31));
        var requestsBefore = recorder.Log.Lines.Count;

        var error = await Should.ThrowAsync<RecorderException>(() => client.ListCouplesAsync(CoupleQuery.ByPhone("10012"), Token));
        await client.DisposeAsync();

        error.Error.ShouldBe(RecorderError.NotLoggedIn, "SES-6");
        recorder.Log.Lines.Count.ShouldBe(requestsBefore + 1, "LST-2: the list's 403 already says the session is gone");
        recorder.Audit.Report().IsClean.ShouldBeTrue(recorder.Audit.Report().ToString());
    }
}
