using System.Text.Json;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Probe;

/// <summary>refusalOrder (DET-3, PSE-4, inferred) on a real recorder, told from the accounts given.</summary>
public sealed class ProbeRefusalOrderTests
{
    /// <summary>
    /// A recorder that checks phone masks first (masks-first) refuses an account with masks its pause of a couple that does
    /// not exist for the masks, 403, as rights-first refuses an account without the pause right: the only account without
    /// the pause right has masks, so that 403 tells nothing, and rights-first is not written as observed (where the masks
    /// hide a couple from its details as one that does not exist, outsideAccessStatus=404, the details do not tell
    /// masks-first either). Where an account without masks is given too, its answer is taken, whatever the order of --account.
    /// In the third case the details tell the masks come before the lookup; with no account that has neither masks nor the
    /// pause right, masks-first is taken, not proven: rights-and-masks-first answers every account given alike.
    /// </summary>
    [Theory]
    [InlineData(false, "404", "403")]
    [InlineData(true, "404", "403")]
    [InlineData(false, "403", "as-details")]
    public async Task On_a_masks_first_recorder_a_masked_accounts_403_is_not_taken_for_rights_first(bool alsoUnmasked, string outsideAccess, string outsidePause)
    {
        // Arrange
        ModelUser[] accounts =
        [
            new("admin", "admin", true, true, []),
            new("agent", "agent", true, false, ["1002?"]),
            .. alsoUnmasked ? new ModelUser[] { new("reporting", "reporting", true, false, []) } : [],
            new("kiosk", "kiosk", false, false, []),
        ];
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.RefusalOrder, "masks-first").Profile!
            .With(ProfileSettings.OutsideAccessStatus, outsideAccess).Profile!.With(ProfileSettings.OutsidePauseStatus, outsidePause).Profile!);
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), accounts, [couples.Single().Id], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var json = JsonDocument.Parse(probe.Json).RootElement;
        json.GetProperty("refusalOrder").GetString().ShouldNotBe("rights-first", summary);
        if (json.GetProperty("probe").GetProperty("settings").GetProperty("refusalOrder").GetProperty("observed").GetBoolean())
        {
            json.GetProperty("refusalOrder").GetString().ShouldBe("masks-first", summary);
        }

        summary.ShouldContain(outsideAccess == "403" ? "refusalOrder = masks-first   not proven" : alsoUnmasked ? "reporting (no pause right) pausing it gets" : "agent has phone masks", Case.Sensitive, summary);
    }
}
