using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Targets;
using PauseResume.Simulator.Hosting;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Probe;

/// <summary>
/// The probe where the answers it reads could mislead it: an account without Call List whose details hide every couple
/// (withoutCallListStatus=404) where no couple is in progress to show it, and legs of one call whose numbers a filter
/// that matches a start would find anyway.
/// </summary>
public sealed class ProbeAmbiguityTests
{
    private static readonly PauseResume.Conformance.Model.ModelUser[] Accounts =
    [
        new("admin", "admin-pw", true, true, []),
        new("viewer", "viewer-pw", true, false, []),
        new("kiosk", "kiosk-pw", false, false, []),
    ];

    /// <summary>DET-3, PSE-4: with no couple in progress withoutCallListStatus is not seen, and the refusal order is told by a pause, which it does not change.</summary>
    [Fact]
    public async Task DET_3_With_no_couple_in_progress_the_refusal_order_is_not_misread_under_withoutCallListStatus_404()
    {
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.WithoutCallListStatus, "404").Profile! with { Name = "recorder" });
        await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. Accounts], []), TestContext.Current.CancellationToken);
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), Accounts, [], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty(ProfileSettings.RefusalOrder).GetString().ShouldBe("call-list-first", summary);
    }

    /// <summary>LST-4: the other leg is one no way of matching finds by its own numbers (111 starts with 11), so a recorder that matches starts is not taken for one that lists whole calls.</summary>
    [Fact]
    public async Task LST_4_filterScope_is_not_misread_where_the_other_leg_matches_a_start_of_the_number()
    {
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.FilterMatch, "prefix").Profile! with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. Accounts], [new PauseResume.Conformance.Scenarios.CallSpec("11", "900", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        await inner.Control.StartCallAsync(new PauseResume.Conformance.Scenarios.CallSpec("111", "901", "10.0.0.6", "10.0.1.22"), TestContext.Current.CancellationToken, couples[0].CallId);
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), Accounts, [couples[0].Id], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);
        var summary = string.Join("\n", probe.Summary);
        var json = System.Text.Json.JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty(ProfileSettings.FilterScope).GetString().ShouldBe("couple", summary);
    }
}
