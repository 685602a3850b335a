using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// LST-3, LST-4 under filterScope: which couples of a call a filtered list holds is inferred, so a list that differs from
/// the profile only by other legs of the calls found differs on LST-4, never breaks LST-3, whichever way round and on any
/// target.
/// </summary>
public sealed class FilterScopeTests
{
    /// <summary>
    /// A recorder whose lists show <paramref name="leg"/> in a call of its own (its true call + 1000) wherever
    /// <paramref name="shown"/> says, and the true call elsewhere.
    /// </summary>
    private static Rewriting MovingLeg(Func<(long Id, long CallId)> leg, Func<HttpRequestMessage, bool> shown, HttpMessageHandler handler) => new(async (request, send) =>
    {
        var response = await send(request);
        var (id, call) = leg();
        return !shown(request) || request.Method != HttpMethod.Get || response.Content.Headers.ContentType?.MediaType != "application/xml" ? response
            : new HttpResponseMessage(response.StatusCode) { Content = new StringContent((await response.Content.ReadAsStringAsync()).Replace($"id=\"{id}\" callId=\"{call}\"", $"id=\"{id}\" callId=\"{call + 1000}\"", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/xml") };
    }) { InnerHandler = handler };

    /// <summary>The recorder serving <paramref name="served"/> with one call of two legs, observed as on a real recorder, the first leg allowed.</summary>
    private static async Task<(ObservedTarget Recorder, RealWorld Real, long First, long Second, long CallId)> TwoLegsAsync(InProcessTarget inner, KitProfile served, ModelUser[] accounts, Action<long, long, long>? beforeObserving = null)
    {
        inner.Control!.ServerProfile = ProfileJson.Write(served);
        var first = (await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken)).Single();
        var second = (await inner.Control.StartCallAsync(new CallSpec("5550102", "20030", "10.0.0.6", "10.0.1.30"), TestContext.Current.CancellationToken, first.CallId)).Id;
        beforeObserving?.Invoke(first.Id, second, first.CallId);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [first.Id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        return (recorder, real, first.Id, second, first.CallId);
    }

    private static string Explain(KitResult result) =>
        string.Join("\n", result.Rules.Where(r => r.Status is RuleStatus.Failed or RuleStatus.Differs).Select(r => $"{r.Rule.Id} {r.Status}: {r.Detail}\n  {string.Join("\n  ", r.Failure?.Trace ?? [])}"));

    /// <summary>
    /// LST-3 on a real recorder whose filters find whole calls (filterScope=call, measured), where a conference moves a
    /// couple outside the agent's masks into the call of one inside them after the run observed the calls: the agent's
    /// list by the moved couple's address holds the other leg of its new call, the call the filter found. The kit took
    /// the moved couple to be in its old call, expected nothing and called LST-3 broken (exit 1, a faithful recorder).
    /// </summary>
    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(1, false)]
    [InlineData(3, false)]
    public async Task LST_3_A_couple_moved_into_another_call_after_the_run_began_is_followed_and_breaks_nothing(int seed, bool sessionsPerUserMeasured)
    {
        // Arrange: the couple outside the masks shows a call of its own until the move, then its true call (the other's)
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["100*"])];
        var moved = false;
        long outside = 0, callOfBoth = 0;
        await using var inner = new InProcessTarget((_, handler) => MovingLeg(() => (outside, callOfBoth), _ => !moved, handler));
        var served = KitProfile.Default.With(ProfileSettings.FilterScope, "call").Profile!.With(ProfileSettings.UnseenCouples, "omitted").Profile!
            with { Measured = sessionsPerUserMeasured ? [ProfileSettings.SessionsPerUser, ProfileSettings.FilterScope, ProfileSettings.UnseenCouples] : [ProfileSettings.FilterScope, ProfileSettings.UnseenCouples] };
        var (recorder, real, _, _, _) = await TwoLegsAsync(inner, served, accounts, (_, second, call) => (outside, callOfBoth) = (second, call));
        real.Couples.Single(c => c.Id == outside).CallId.ShouldNotBe(callOfBoth, "observed before the move");

        // Act: the conference joins the calls
        moved = true;
        var result = await new ConformanceKit(recorder, served, TextWriter.Null) { Seed = seed, Runs = 40, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// DET-3 under maskScope=call on a real recorder: a couple outside the agent's masks moves into the call of one inside
    /// them after the run observed the calls. Its details, granted as its new call allows, are judged in that call: the
    /// kit judged it by its old call, expected a refusal and called DET-3 differing with no setting to name.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task DET_3_A_couple_moved_into_a_call_the_masks_reach_is_judged_in_its_new_call(int seed)
    {
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["100*"])];
        var moved = false;
        long outside = 0, callOfBoth = 0;
        await using var inner = new InProcessTarget((_, handler) => MovingLeg(() => (outside, callOfBoth), _ => !moved, handler));
        var served = KitProfile.Default.With(ProfileSettings.MaskScope, "call").Profile! with { Measured = [ProfileSettings.SessionsPerUser, ProfileSettings.MaskScope] };
        var (recorder, real, _, _, _) = await TwoLegsAsync(inner, served, accounts, (_, second, call) => (outside, callOfBoth) = (second, call));

        // Act: the conference joins the calls
        moved = true;
        var result = await new ConformanceKit(recorder, served, TextWriter.Null) { Seed = seed, Runs = 40, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Rules.Where(r => r.Status == RuleStatus.Differs).ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// SES-4 (inferred: sessionsPerUser) with filterScope=call: where one session per user is allowed, following the calls
    /// of a filtered list must not log the observer in: its login ended the slot's own session when the slot was the
    /// observer's account, and the slot's next request, refused, was called a broken rule (exit 1, a faithful recorder).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task SES_4_Following_the_calls_of_a_filtered_list_ends_no_session_where_a_user_holds_one(int seed)
    {
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["100*"])];
        await using var inner = new InProcessTarget();
        var served = KitProfile.Default.With(ProfileSettings.FilterScope, "call").Profile!.With(ProfileSettings.SessionsPerUser, "one").Profile!
            with { Measured = [ProfileSettings.SessionsPerUser, ProfileSettings.FilterScope] };
        var (recorder, real, _, _, _) = await TwoLegsAsync(inner, served, accounts);

        // Act
        var result = await new ConformanceKit(recorder, served, TextWriter.Null) { Seed = seed, Runs = 40, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Rules.Where(r => r.Status == RuleStatus.Differs).ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// LST-3, LST-4 under filterScope=call, where a couple moves between the user's filtered list and the observer's read
    /// that follows it: the filtered list is judged as it was answered, so its own call of each couple it holds wins over
    /// the observer's newer one. Here every unfiltered list shows one leg in a call of its own while filtered lists show it
    /// in its true call: taking the observer's call made the other leg of the call the filter found look out of place.
    /// </summary>
    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task LST_3_The_calls_a_filtered_list_shows_win_over_the_observers_later_read(int seed)
    {
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, [])];
        long moving = 0, callOfBoth = 0;
        await using var inner = new InProcessTarget((_, handler) => MovingLeg(() => (moving, callOfBoth), request => string.IsNullOrEmpty(request.RequestUri!.Query), handler));
        var served = KitProfile.Default.With(ProfileSettings.FilterScope, "call").Profile! with { Measured = [ProfileSettings.SessionsPerUser, ProfileSettings.FilterScope] };
        var (recorder, real, _, _, _) = await TwoLegsAsync(inner, served, accounts, (_, second, call) => (moving, callOfBoth) = (second, call));

        // Act
        var result = await new ConformanceKit(recorder, served, TextWriter.Null) { Seed = seed, Runs = 40, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        result.Broken.ShouldBeEmpty(Explain(result));
        result.Rules.Where(r => r.Status == RuleStatus.Differs).ShouldBeEmpty(Explain(result));
    }

    /// <summary>A profile that says filterScope=call (measured) against a recorder that lists the couples alone: the legs left out differ.</summary>
    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public async Task LST_4_Legs_left_out_where_filterScope_call_expected_them_differ_and_break_nothing(int seed)
    {
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, [])];
        CallSpec[] calls = [.. Enumerable.Range(0, 3).Select(i => new CallSpec($"55501{i:D2}", $"100{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        await using var inner = new InProcessTarget();
        var served = KitProfile.Default with { Measured = [ProfileSettings.SessionsPerUser] };
        inner.Control!.ServerProfile = ProfileJson.Write(served.With(ProfileSettings.FilterMatch, "prefix").Profile!);
        var profile = served.With(ProfileSettings.FilterScope, "call").Profile! with { Measured = [ProfileSettings.SessionsPerUser, ProfileSettings.FilterScope] };
        var started = await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken);
        var ids = started.Select(c => c.Id).ToList();
        foreach (var (couple, i) in started.Take(2).Select((c, i) => (c, i)))
        {
            await inner.Control.StartCallAsync(new CallSpec($"20{i}", $"30{i}", $"10.0.2.{i + 1}", $"10.0.3.{i + 1}"), TestContext.Current.CancellationToken, couple.CallId);
        }

        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [ids[0]], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var result = await new ConformanceKit(recorder, profile, TextWriter.Null) { Seed = seed, Runs = 80, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);
        result.Broken.ShouldBeEmpty(Explain(result));
    }

    /// <summary>
    /// A recorder that lists whole calls (with maskScope=call, which a run never guesses, beside it) checked against the
    /// default profile, on a simulator the kit controls: the extra legs differ on LST-4, never break LST-3.
    /// </summary>
    [Theory]
    [InlineData("filterScope=call,maskScope=call")]
    [InlineData("filterScope=call,maskScope=call,unseenCouples=omitted")]
    [InlineData("maskScope=call,unseenCouples=omitted")]
    public async Task LST_4_A_recorder_listing_whole_calls_breaks_nothing_against_the_default_profile(string settings)
    {
        var problems = new List<string>();
        for (var seed = 1; seed <= 6; seed++)
        {
            ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["100*"]), new("kiosk", "kiosk", false, false, []), new("guest", "guest", false, true, []), new("viewer", "viewer", true, false, [])];
            CallSpec[] calls = [.. Enumerable.Range(0, 4).Select(i => new CallSpec($"55501{i:D2}", $"100{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
            await using var inner = new InProcessTarget();
            var served = KitProfile.Default;
            foreach (var kv in settings.Split(',')) { var p = kv.Split('='); served = served.With(p[0], p[1]).Profile!; }
            served = served with { Measured = [ProfileSettings.SessionsPerUser, .. settings.Split(',').Select(kv => kv.Split('=')[0])] };
            inner.Control!.ServerProfile = ProfileJson.Write(served);
            var started = await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken);
            foreach (var (couple, i) in started.Take(2).Select((c, i) => (c, i)))
            {
                await inner.Control.StartCallAsync(new CallSpec($"20{i}", $"10{i}99", $"10.0.2.{i + 1}", $"10.0.3.{i + 1}"), TestContext.Current.CancellationToken, couple.CallId);
            }

            var progress = new StringWriter();
            var result = await new ConformanceKit(inner, KitProfile.Default, progress) { Seed = seed, Runs = 60 }.RunAsync(TestContext.Current.CancellationToken);
            if (result.Broken.Any())
            {
                problems.Add($"seed {seed}: {Explain(result)}\n{progress}");
            }
        }

        problems.ShouldBeEmpty();
    }
}
