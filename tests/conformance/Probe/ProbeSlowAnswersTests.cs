using System.Text.Json;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Probe;

/// <summary>
/// PSE-1 (how soon details show a pause is not documented): a recorder that answers every request slowly, but whose
/// details show each change at once, has no lag. The probe counted to the answer of the read that showed its pause, so
/// an independent recorder whose answers took 0.3–1.5 s was written a lag of 3.1 s and a --settle of 7 s, and a run
/// against that file got through seven scenarios in three minutes.
/// </summary>
[Collection(Support.RealTimeLags.Name)]
public sealed class ProbeSlowAnswersTests
{
    private static readonly PauseResume.Conformance.Model.ModelUser[] Accounts = [new("admin", "admin", true, true, [])];

    [Fact]
    public async Task PSE_1_A_recorder_that_answers_slowly_but_shows_each_change_at_once_is_probed_without_a_lag()
    {
        // Arrange: every details read and pause or resume of the couple answered 0.6 s late, later than --settle
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            if (request.RequestUri!.AbsolutePath.Contains("/couples.xml/", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(600), TestContext.Current.CancellationToken); // the answer, not the state, is late
            }

            return response;
        }) { InnerHandler = handler });
        var couples = await inner.Control!.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. Accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), Accounts, [couples.Single().Id], TimeSpan.Zero) { Settle = TimeSpan.FromMilliseconds(300) }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        summary.ShouldNotContain("later than --settle", customMessage: summary);
        var probed = JsonDocument.Parse(probe.Json).RootElement.GetProperty("probe");
        (probed.TryGetProperty("detailsLag", out var lag) ? lag.GetDouble() : 0).ShouldBeLessThan(0.3, "PSE-1: no lag to write\n" + summary);
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).Single().Paused.ShouldBeFalse("PSE-1: put back recording, as found\n" + summary);
    }
}
