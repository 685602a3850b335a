using System.Xml.Linq;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Probe;

/// <summary>
/// DET-3 (inferred): how the details of a couple that has ended are answered (endedCoupleDetails, endedCoupleStatus). The
/// probe ends a simulator's call itself; a real recorder's calls end on their own, and a couple listed when the probe
/// began that the list of an account without phone masks no longer holds has ended (LST-1). Before, the probe never
/// measured either setting on a real recorder.
/// </summary>
public sealed class ProbeEndedCoupleTests
{
    private static readonly Model.ModelUser[] Accounts =
    [
        new("admin", "admin-pw", true, true, []),
        new("viewer", "viewer-pw", true, false, []),
        new("kiosk", "kiosk-pw", false, false, []),
    ];

    /// <param name="details">The recorder's endedCoupleDetails.</param>
    /// <param name="status">The recorder's endedCoupleStatus (its unknownCoupleStatus is 404: a 404 does not tell an ended couple from one forgotten).</param>
    /// <param name="ends">Whether a call ends while the probe works.</param>
    /// <param name="expectedDetails">The endedCoupleDetails the probe should measure, or null where it keeps the default.</param>
    /// <param name="expectedStatus">The endedCoupleStatus the probe should measure, or null where it keeps the default.</param>
    [Theory]
    [InlineData("status", "410", true, "status", "410")]
    [InlineData("status", "404", true, null, null)]
    [InlineData("served", "410", true, "served", null)]
    [InlineData("served", "410", false, null, null)]
    public async Task DET_3_A_real_recorders_couple_that_ends_during_the_probe_tells_how_ended_couples_are_answered(string details, string status, bool ends, string? expectedDetails, string? expectedStatus)
    {
        // Arrange: a recorder whose call ends on its own once the probe has begun (its first failed login)
        var begun = 0;
        long ending = 0;
        await using var inner = new InProcessTarget((recorder, handler) => new Rewriting(async (request, send) =>
        {
            if (ends && Rewriting.Is(request, "POST", "/loginAction.do") && (await Rewriting.FormOf(request)).Contains("probe-nobody", StringComparison.Ordinal) && Interlocked.Increment(ref begun) == 1)
            {
                recorder.Recorder.EndCall(Interlocked.Read(ref ending)).ShouldBeTrue();
            }

            return await send(request);
        }) { InnerHandler = handler });
        var server = KitProfile.Default.With(ProfileSettings.EndedCoupleDetails, details).Profile!.With(ProfileSettings.EndedCoupleStatus, status).Profile!;
        inner.Control!.ServerProfile = ProfileJson.Write(server with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22")]), TestContext.Current.CancellationToken);
        Interlocked.Exchange(ref ending, couples[1].Id);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), Accounts, [], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty(ProfileSettings.EndedCoupleDetails).GetString().ShouldBe(expectedDetails ?? "status", summary);
        json.GetProperty(ProfileSettings.EndedCoupleStatus).GetString().ShouldBe(expectedStatus ?? "404", summary);
        probe.Answers.ShouldNotContain(a => a.Request.Contains($"{couples[1].Id}/pausedState", StringComparison.Ordinal), summary); // a real recorder's pause is the probe's to change only for a --couple
        var measured = ProfileJson.Read(json).Measured;
        measured.Contains(ProfileSettings.EndedCoupleDetails).ShouldBe(expectedDetails is not null, summary);
        measured.Contains(ProfileSettings.EndedCoupleStatus).ShouldBe(expectedStatus is not null, summary);
        summary.ShouldContain(!ends ? "none of the 2 couples listed when it began has left the list since" : expectedDetails is null ? "as a couple it does not know (unknownCoupleStatus=404)" : "(ended: LST-1, LST-3)");
    }

    /// <summary>
    /// LST-1, LST-3: a couple still in progress that the main account's unfiltered list leaves out (a list answered partly,
    /// or capped) is no couple that ended: a list filtered by its calling number still holds it, and its details served
    /// prove nothing. Taken for ended, endedCoupleDetails=served was written as observed, a fact no later run questions.
    /// </summary>
    [Fact]
    public async Task DET_3_A_couple_an_unfiltered_list_leaves_out_while_in_progress_proves_nothing()
    {
        // Arrange: from the probe's first request on, the unfiltered list leaves out a couple in progress
        var armed = 0;
        long dropped = 0;
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            if (Rewriting.Is(request, "POST", "/loginAction.do") && (await Rewriting.FormOf(request)).Contains("probe-nobody", StringComparison.Ordinal))
            {
                Interlocked.Exchange(ref armed, 1);
            }

            var answer = await send(request);
            return Volatile.Read(ref armed) == 1 && Rewriting.IsList(request) && string.IsNullOrEmpty(request.RequestUri!.Query)
                ? await Rewriting.WithXml(answer, root => root.Elements().Where(e => e.Attribute("id")?.Value == $"{Interlocked.Read(ref dropped)}").Remove())
                : answer;
        }) { InnerHandler = handler });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22")]), TestContext.Current.CancellationToken);
        Interlocked.Exchange(ref dropped, couples[0].Id);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), Accounts, [], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var measured = ProfileJson.Read(System.Text.Json.JsonDocument.Parse(probe.Json).RootElement).Measured;
        measured.ShouldNotContain(ProfileSettings.EndedCoupleDetails, summary);
        measured.ShouldNotContain(ProfileSettings.EndedCoupleStatus, summary);
        summary.ShouldContain("a list filtered by its calling number still held each it asked about", Case.Sensitive, summary);
    }

    /// <summary>
    /// A main account with phone masks lists only the couples within them, so its list tells no end; another account
    /// with Call List and no masks tells it, in a session of its own. Before, a main account with masks kept both settings
    /// at their defaults whatever other accounts were given.
    /// </summary>
    /// <param name="unmaskedGiven">An account with Call List and no phone masks is given beside the main account.</param>
    /// <param name="mainMasks">The main account's mask: both couples within it, or neither (then only the other account reads their numbers).</param>
    [Theory]
    [InlineData(true, "55501*")]
    [InlineData(false, "55501*")]
    [InlineData(true, "9*")]
    public async Task DET_3_An_account_without_masks_tells_an_end_where_the_main_account_has_some(bool unmaskedGiven, string mainMasks)
    {
        // Arrange: a call ends once the probe has begun
        Model.ModelUser[] accounts =
        [
            new("agent", "agent-pw", true, true, [mainMasks]),
            new("viewer", "viewer-pw", true, false, unmaskedGiven ? [] : ["55501*"]),
            new("kiosk", "kiosk-pw", false, false, []),
        ];
        var begun = 0;
        long ending = 0;
        await using var inner = new InProcessTarget((recorder, handler) => new Rewriting(async (request, send) =>
        {
            if (Rewriting.Is(request, "POST", "/loginAction.do") && (await Rewriting.FormOf(request)).Contains("probe-nobody", StringComparison.Ordinal) && Interlocked.Increment(ref begun) == 1)
            {
                recorder.Recorder.EndCall(Interlocked.Read(ref ending)).ShouldBeTrue();
            }

            return await send(request);
        }) { InnerHandler = handler });
        var server = KitProfile.Default.With(ProfileSettings.EndedCoupleStatus, "410").Profile!;
        inner.Control!.ServerProfile = ProfileJson.Write(server with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22")]), TestContext.Current.CancellationToken);
        Interlocked.Exchange(ref ending, couples[1].Id);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty(ProfileSettings.EndedCoupleStatus).GetString().ShouldBe(unmaskedGiven ? "410" : "404", summary);
        ProfileJson.Read(json).Measured.Contains(ProfileSettings.EndedCoupleStatus).ShouldBe(unmaskedGiven, summary);
        summary.ShouldContain(unmaskedGiven ? "(ended: LST-1, LST-3)" : "no --account with Call List has none");
    }
}
