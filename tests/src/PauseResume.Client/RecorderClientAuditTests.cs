using PauseResume.Simulator.Hosting;
using PauseResume.Client.Tests.Support;
using static PauseResume.Client.Tests.Support.Arrange;

namespace PauseResume.Client.Tests;

/// <summary>
/// The simulator's client audit finds nothing to say about this client's main flows: the proof that the client
/// keeps the documented procedure, and that the audit does not cry wolf.
/// </summary>
public sealed class RecorderClientAuditTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_list_details_hold_unhold_and_logout_pass_the_audit_clean()
    {
        await using var recorder = await FakeRecorder.StartAsync(World(), TestContext.Current.CancellationToken);
        var client = await LoggedIn(recorder, "agent", "agent-pw");

        var listed = await client.ListCouplesAsync(cancellationToken: Token);
        await client.GetDetailsAsync(listed.First(c => c.DetailsLink is not null), Token);
        var hold = await client.HoldAsync(CoupleQuery.ByPhone("10012"), Token);
        var unhold = await client.UnholdAsync(CoupleQuery.ByPhone("10012"), Token);
        await client.LogoutAsync(Token);

        hold.Changed.ShouldBe([AgentsCouple, ConferenceLeg], "PSE-1");
        unhold.Changed.ShouldBe([AgentsCouple, ConferenceLeg], "PSE-1");
        recorder.Audit.ShouldBeClean();
    }

    [Fact]
    public async Task Pause_and_resume_through_the_links_pass_the_audit_clean()
    {
        await using var recorder = await FakeRecorder.StartAsync(World(), TestContext.Current.CancellationToken);
        var client = await LoggedIn(recorder, "admin", "secret");
        var details = await client.GetDetailsAsync((await client.ListCouplesAsync(CoupleQuery.ByPhone("5551234"), Token)).Single(), Token);

        await client.PauseAsync(details, Token);
        await client.ResumeAsync(details, Token);
        await client.DisposeAsync(); // logs out (SES-5)

        recorder.Recorder.Find(AgentsCouple)!.Paused.ShouldBeFalse("PSE-1");
        recorder.Audit.ShouldBeClean();
    }

    [Fact]
    public async Task SES_6_Logging_in_again_after_the_session_expired_passes_the_audit_clean()
    {
        await using var recorder = await FakeRecorder.StartAsync(World(), TestContext.Current.CancellationToken);
        var client = await LoggedIn(recorder, "admin", "secret");
        var details = await client.GetDetailsAsync((await client.ListCouplesAsync(CoupleQuery.ByPhone("5551234"), Token)).Single(), Token);
        recorder.Advance(TimeSpan.FromMinutes(31));

        await client.PauseAsync(details, Token);
        await client.ResumeAsync(details, Token);
        await client.DisposeAsync();

        recorder.Log.Lines.Count(l => l.Contains("admin logged in", StringComparison.Ordinal)).ShouldBe(2, "SES-6");
        recorder.Audit.ShouldBeClean();
    }

    [Fact]
    public async Task SES_3_A_rejected_login_passes_the_audit_clean_since_the_client_checks_it_and_stops()
    {
        await using var recorder = await FakeRecorder.StartAsync(World(), TestContext.Current.CancellationToken);
        var client = Arrange.Client(recorder);

        var rejected = await Should.ThrowAsync<RecorderException>(() => client.LoginAsync("agent", "wrong", Token));
        await client.DisposeAsync();

        rejected.Error.ShouldBe(RecorderError.LoginRejected, "SES-3");
        recorder.Audit.ShouldBeClean();
    }

    [Fact]
    public async Task DET_2_Pause_by_id_builds_the_documented_path_by_hand_and_the_audit_says_so()
    {
        await using var recorder = await FakeRecorder.StartAsync(World(), TestContext.Current.CancellationToken);
        var client = await LoggedIn(recorder, "admin", "secret");

        await client.PauseAsync(AgentsCouple, Token);
        await client.ResumeAsync(AgentsCouple, Token);
        await client.DisposeAsync();

        // The by-id members are the caller's explicit choice of DET-2's hand-built path; the audit names it, and nothing else.
        recorder.Audit.Report().Findings.Select(f => f.Rule).Distinct().ShouldBe(["DET-2"]);
        recorder.Audit.ShouldBeClean("unlinked-pausedState");
    }
}
