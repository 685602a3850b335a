using System.Text.Json;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Probe;

/// <summary>
/// PSE-3: the probe's resume of the recording couple, a request that changes nothing, answered otherwise than the
/// probe's earlier ones: only a resume taken may have ended a hold (someone else's pause the details did not show yet),
/// which the probe then puts back; any other odd answer changed nothing, and no pause is sent.
/// </summary>
public sealed class ProbeHoldTests
{
    private static readonly PauseResume.Conformance.Model.ModelUser[] Accounts = [new("admin", "admin", true, true, [])];

    /// <summary>A one-off refusal or error (a 500, a 403) of the probe's no-op resume is not taken for the end of a hold: the couple, which nobody holds, is not paused.</summary>
    [Theory]
    [InlineData(500)]
    [InlineData(403)]
    public async Task PSE_3_A_one_off_odd_answer_to_the_probes_resume_is_not_taken_for_a_hold_it_ended(int odd)
    {
        // Arrange: a lenient recorder that refuses a request that changes nothing with 409; the probe's first resume in a
        // form, while the couple records, is answered `odd` without reaching the recorder
        var answered = 0;
        await using var inner = Lenient409(async (fake, request, send) =>
            await IsFormResumeAsync(request, fake) && Interlocked.Exchange(ref answered, 1) == 0 ? new HttpResponseMessage((System.Net.HttpStatusCode)odd) : await send(request));

        // Act
        var (probe, json) = await ProbeAsync(inner);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        answered.ShouldBe(1, "the odd answer was given");
        json.GetProperty("unchangedPauseStatus").GetString().ShouldBe("409", summary);
        summary.ShouldNotContain("paused it again");
        (await inner.Control!.PausedStatesAsync(TestContext.Current.CancellationToken)).Single().Paused.ShouldBeFalse("PSE-1: nobody held the couple, and it records as found\n" + summary);
    }

    /// <summary>
    /// An agent put the couple on hold a moment before the probe's resume, which ended it (answered 204 where the no-ops
    /// were refused 409); the details show the hold only now, as the probe checks the couple still records before its
    /// resume once more. The hold its resume ended is put back, not left ended.
    /// </summary>
    [Fact]
    public async Task PSE_3_A_hold_the_probes_resume_ended_that_the_details_show_late_is_put_back()
    {
        // Arrange
        var held = 0;
        var late = 0;
        await using var inner = Lenient409(async (fake, request, send) =>
        {
            if (await IsFormResumeAsync(request, fake) && Interlocked.Exchange(ref held, 1) == 0)
            {
                (await send(Rewriting.WithForm(request, "paused=true"))).StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent, "the hold");
                var resumed = await send(Rewriting.WithForm(request, "paused=false"));
                Interlocked.Exchange(ref late, 1);
                return resumed;
            }

            var response = await send(request);
            return request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith("/couples.xml/24197", StringComparison.Ordinal) && Interlocked.Exchange(ref late, 0) == 1
                ? await Rewriting.WithXml(response, root => root.Elements("paused").Single().Value = "true") // the hold, shown late
                : response;
        });

        // Act
        var (probe, _) = await ProbeAsync(inner);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        held.ShouldBe(1, "the hold was put on");
        summary.ShouldContain("its details then showed it paused");
        (await inner.Control!.PausedStatesAsync(TestContext.Current.CancellationToken)).Single().Paused.ShouldBeTrue("PSE-1: the hold the probe's resume ended is put back on\n" + summary);
    }

    /// <summary>
    /// PSE-2 (pausedParameter, inferred): on a lenient recorder the misspelt 'pause=true' changes nothing, and the probe
    /// waits to see whether it paused the couple (a recorder that takes 'pause' for 'paused'). An agent's hold put on
    /// during that wait was taken for the misspelt pause: the probe ended the hold with its put-back, wrote "the recorder
    /// reads 'pause' as 'paused'" and a lag of the hold's delay. A pause shown only after --settle is left alone, and no
    /// value is taken from it.
    /// </summary>
    [Fact]
    public async Task PSE_2_A_hold_put_on_while_the_probe_waits_after_its_misspelt_pause_is_left_alone()
    {
        // Arrange: a lenient recorder; 1.5 s after the misspelt pause is answered, an agent puts the couple on hold
        var typoAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var inner = new InProcessTarget((fake, handler) => new Rewriting(async (request, send) =>
        {
            var typo = Rewriting.IsPausedState(request) && await Rewriting.FormOf(request) == "pause=true";
            var response = await send(request);
            if (typo)
            {
                typoAnswered.TrySetResult();
            }

            return response;
        }) { InnerHandler = handler });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.JaxRsLenient);
        var couples = await inner.Control.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. Accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var id = couples.Single().Id;
        var hold = Task.Run(async () =>
        {
            await typoAnswered.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
            using var http = inner.CreateClient();
            var agent = new PauseResume.Conformance.Wire.Wire(http, TimeSpan.Zero, TimeProvider.System);
            await agent.LoginAsync(0, Accounts[0], TestContext.Current.CancellationToken);
            (await agent.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{id}/pausedState", "paused=true", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204, "the hold");
        }, TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), Accounts, [id], TimeSpan.Zero) { Settle = TimeSpan.FromMilliseconds(300) }.ProbeAsync(TestContext.Current.CancellationToken);
        await hold;

        // Assert
        var summary = string.Join("\n", probe.Summary);
        var settings = JsonDocument.Parse(probe.Json).RootElement.GetProperty("probe").GetProperty("settings");
        settings.GetProperty("pausedParameter").GetProperty("observed").GetBoolean().ShouldBeFalse(summary);
        summary.ShouldNotContain("reads 'pause' as 'paused'");
        summary.ShouldContain("showed paused");
        probe.ByHand.ShouldHaveSingleItem("a person must look: the pause may be the probe's own, shown late").ShouldContain("resume it by hand");
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).Single().Paused.ShouldBeTrue("PSE-1: the agent's hold stays\n" + summary);
    }

    /// <summary>
    /// PSE-2 and PSE-1: on a recorder that reads 'pause' as 'paused' and whose details show a change 1.5 s late (past
    /// --settle), the misspelt pause shows as late as the probe's own pause before it did: it is the probe's own, put
    /// back, and the reading is measured. It was left paused, for a person to resume by hand, as if it might be an agent's
    /// hold.
    /// </summary>
    [Fact]
    public async Task PSE_2_A_misspelt_pause_shown_as_late_as_the_probes_own_pause_is_its_own_and_put_back()
    {
        // Arrange: 'pause' read as 'paused', and details that show each couple as it was 1.5 s ago
        var lagging = LaggingDetails.LaggingBy(TimeSpan.FromSeconds(1.5));
        await using var inner = new InProcessTarget((fake, handler) => new Rewriting(async (request, send) =>
            Rewriting.IsPausedState(request) && await Rewriting.FormOf(request) == "pause=true"
                ? await send(Rewriting.WithForm(request, "paused=true"))
                : await send(request)) { InnerHandler = lagging(fake, handler) });
        var couples = await inner.Control!.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. Accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);

        // Act
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), Accounts, [couples.Single().Id], TimeSpan.Zero) { Settle = TimeSpan.FromMilliseconds(300) }.ProbeAsync(TestContext.Current.CancellationToken);

        // Assert
        var summary = string.Join("\n", probe.Summary);
        probe.ByHand.ShouldBeEmpty(summary);
        summary.ShouldContain("reads 'pause' as 'paused'", Case.Sensitive);
        JsonDocument.Parse(probe.Json).RootElement.GetProperty("pausedParameter").GetString().ShouldBe("strict", summary);
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).Single().Paused.ShouldBeFalse("PSE-1: put back recording, as found\n" + summary);
    }

    /// <summary>The probe's resume of the recording couple in a form body (no query string) while it records.</summary>
    private static async Task<bool> IsFormResumeAsync(HttpRequestMessage request, PauseResume.Simulator.Testing.FakeRecorder fake) =>
        Rewriting.IsPausedState(request) && request.Method == HttpMethod.Post && string.IsNullOrEmpty(request.RequestUri!.Query)
        && await Rewriting.FormOf(request) == "paused=false" && fake.Recorder.Find(24197)?.Paused == false;

    /// <summary>A lenient recorder that refuses a request that changes nothing with 409, each exchange passed through <paramref name="exchange"/>.</summary>
    private static InProcessTarget Lenient409(
        Func<PauseResume.Simulator.Testing.FakeRecorder, HttpRequestMessage, Func<HttpRequestMessage, Task<HttpResponseMessage>>, Task<HttpResponseMessage>> exchange)
    {
        var target = new InProcessTarget((fake, handler) => new Rewriting((request, send) => exchange(fake, request, send)) { InnerHandler = handler });
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.JaxRsLenient.With(ProfileSettings.UnchangedPauseStatus, "409").Profile!.With(ProfileSettings.PausedLocation, "form-and-query").Profile!);
        return target;
    }

    private static async Task<(PauseResume.Conformance.Probe.ProbeResult Probe, JsonElement Json)> ProbeAsync(InProcessTarget inner)
    {
        var couples = await inner.Control!.ResetAsync(new PauseResume.Conformance.Scenarios.WorldSpec(1, [.. Accounts], [new PauseResume.Conformance.Scenarios.CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var probe = await new PauseResume.Conformance.Probe.Prober(new ObservedTarget(inner), Accounts, [couples.Single().Id], TimeSpan.Zero) { Settle = TimeSpan.Zero }.ProbeAsync(TestContext.Current.CancellationToken);
        return (probe, JsonDocument.Parse(probe.Json).RootElement.Clone());
    }
}
