using System.Collections.Immutable;
using System.Xml.Linq;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// LST-5, DET-3 (inferred): that the details of a couple that has ended are answered 404 is inferred, and a recorder may
/// go on serving them (endedCoupleDetails=served), with the access rules of a couple in progress: a user with phone masks
/// is then refused a couple outside them alike whether it ended or not (403). Under that value a couple outside the masks
/// that ended before a masked user's list was asked for was expected in it, and the run said "couple … is one auditor
/// may see by the access rules, listed". A list tells instead: the user's own, where the probe measured that it holds
/// couples outside the masks; another account's that may see the couple; failing both, the end is a guess. A couple
/// outside the masks in progress that the list leaves out still differs on LST-5, and under endedCoupleDetails=status
/// the 403 says it is in progress: taken for an end, a recorder that omits such couples from a masked user's list went
/// unnoticed.
/// </summary>
public sealed class EndedDetailsServedTests
{
    private static readonly ModelUser[] Accounts =
    [
        new("admin", "admin", true, true, []),
        new("masked", "masked", true, false, ["1002?"]),
    ];

    /// <param name="ends">The couple outside the masks ends before the scenario (else the recorder leaves it out of the masked user's lists though the profile lists it).</param>
    /// <param name="measured">The probe measured unseenCouples=listed: the user's unfiltered list holds every couple in progress.</param>
    /// <param name="adminToo">A session of the scenario is an account without masks, whose list tells.</param>
    /// <param name="served">The profile checked against has endedCoupleDetails=served (else status, the default).</param>
    [Theory]
    [InlineData(true, true, false, true)]
    [InlineData(true, false, true, true)]
    [InlineData(true, false, false, true)]
    [InlineData(false, false, true, true)]
    [InlineData(false, false, false, false)]
    [InlineData(true, false, false, false)]
    public async Task LST_5_A_couple_outside_the_masks_refused_alike_ended_or_not_is_judged_by_a_list(bool ends, bool measured, bool adminToo, bool served)
    {
        // Arrange: one couple within the masks, one outside, both observed; a recorder that serves an ended couple's
        // details (to the masked user, one outside the masks is refused), or one that omits couples outside the masks
        await using var inner = new InProcessTarget();
        var settings = KitProfile.Default;
        inner.Control!.ServerProfile = ProfileJson.Write(settings.With(ends ? ProfileSettings.EndedCoupleDetails : ProfileSettings.UnseenCouples, ends ? "served" : "omitted").Profile! with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "20030", "10.0.0.6", "10.0.2.30")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        if (ends)
        {
            (await inner.Control.EndCallAsync(couples[1].Id, TestContext.Current.CancellationToken)).ShouldBeTrue();
        }

        var profile = (served ? settings.With(ProfileSettings.EndedCoupleDetails, "served").Profile! : settings) with { Measured = measured ? [ProfileSettings.UnseenCouples] : [] };
        ImmutableArray<Command> steps =
        [
            new LoginCommand(0, 1, PasswordKind.Right, WithCookie: true),
            .. adminToo ? new Command[] { new LoginCommand(1, 0, PasswordKind.Right, WithCookie: true) } : [],
            new ListCommand(0, FilterSpec.None, FilterSpec.None),
        ];

        // Act
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real).RunAsync(new Scenario(real.World, steps), profile, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = $"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}";
        // Where the probe measured unseenCouples the unfiltered list alone tells an end; else the details are read.
        outcome.Transcript.Any(e => e.PathAndQuery.EndsWith($"/couples.xml/{couples[1].Id}", StringComparison.Ordinal) && e.Status == 403).ShouldBe(!measured, trace);
        if (ends && served)
        {
            outcome.Broken.ShouldBeNull($"LST-1: the couple ended before the list\n{trace}");
        }
        else
        {
            // In progress and left out; or, under status, refused as only a couple in progress is: a difference either way.
            outcome.Broken.ShouldNotBeNull(trace);
            outcome.Broken.Rule.ShouldBe("LST-5", trace);
        }
    }

    /// <summary>
    /// DET-3, DET-1: under endedCoupleDetails=served the kit expects an ended couple's details served; a recorder that
    /// answers them 404, as DET-3 says, differs from that profile on DET-3 (inferred): it was called DET-1 broken, a
    /// documented rule, and so was a served recorder that had forgotten the couple.
    /// </summary>
    /// <param name="server">The recorder's endedCoupleDetails; <c>served-without-link</c>: served, but without the pausedState link an ended couple can no longer use.</param>
    [Theory]
    [InlineData("status")]
    [InlineData("served")]
    [InlineData("served-without-link")]
    public async Task DET_3_An_ended_couples_details_expected_served_and_answered_404_differ_on_an_inferred_rule(string server)
    {
        // Arrange
        await using var target = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var answer = await send(request);
            return server == "served-without-link" && request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/couples.xml/", StringComparison.Ordinal)
                ? await Rewriting.WithXml(answer, root => root.Elements().Where(e => e.Name.LocalName == "link" && (string?)e.Attribute("rel") == "pausedState").Remove())
                : answer;
        }) { InnerHandler = handler });
        target.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.EndedCoupleDetails, server == "status" ? "status" : "served").Profile! with { Name = "recorder" });
        var profile = KitProfile.Default.With(ProfileSettings.EndedCoupleDetails, "served").Profile!;
        var world = new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]);
        Command[] steps = [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new EndCallCommand(new CoupleRef(0)), new DetailsCommand(0, new CoupleRef(0), ViaLink: false)];

        // Act
        var outcome = await new ScenarioRunner(target, TimeSpan.Zero, null).RunAsync(new Scenario(world, [.. steps]), profile, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = Rewriting.Trace(outcome);
        if (server != "status")
        {
            outcome.Broken.ShouldBeNull(trace);
            outcome.Transcript.ShouldContain(e => e.Status == 200 && e.PathAndQuery.EndsWith("/couples.xml/24197", StringComparison.Ordinal), trace);
        }
        else
        {
            outcome.Broken.ShouldNotBeNull(trace);
            (outcome.Broken.Rule, outcome.Broken.Documented).ShouldBe(("DET-3", false), trace);
        }
    }

    /// <summary>
    /// LST-5, DET-3 on a recorder that serves an ended couple's details, with a couple outside the masked accounts' masks
    /// that ended before the run: a masked user's list that leaves it out, its details refused 403, fits
    /// unseenCouples=omitted, refusalOrder=masks-first and endedCoupleDetails=served alike. The run named only the first
    /// two, values the recorder did not have; served is now tried too, and named beside them, or found alone where the run
    /// saw the ended couple's details served as well. Where a later failure took refusalOrder=masks-first for every
    /// failure before (seeds 7 and 9), served stays named beside it: it was named alone.
    /// </summary>
    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(7, false)]
    [InlineData(9, false)]
    public async Task LST_5_A_masked_list_without_an_ended_couple_is_put_down_to_endedCoupleDetails_too(int seed, bool alone)
    {
        // Arrange: the in-process simulator as a real recorder that serves an ended couple's details
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["1002?"]), new("auditor", "auditor", true, false, ["1002?"])];
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.EndedCoupleDetails, "served").Profile! with { Name = "server" });
        var couples = await inner.Control.ResetAsync(
            new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22"), new CallSpec("5550103", "20023", "10.0.0.7", "10.0.1.11"), new CallSpec("5550104", "30024", "10.0.0.8", "10.0.1.12")]),
            TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [couples[0].Id, couples[1].Id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        (await inner.Control.EndCallAsync(couples[3].Id, TestContext.Current.CancellationToken)).ShouldBeTrue();
        var progress = new StringWriter();

        // Act
        var result = await new ConformanceKit(recorder, KitProfile.Default, progress) { Seed = seed, Runs = 30, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var served = new SettingChange(ProfileSettings.EndedCoupleDetails, "status", "served");
        var why = $"{result.Verdict}\n{progress}";
        result.Broken.ShouldBeEmpty(why);
        result.Failures.ShouldContain(f => f.Explained.Contains(served) || f.Alternatives.Contains(served), why);
        result.Failures.Where(f => f.Explained.Concat(f.Alternatives).Any(c => c.Setting == ProfileSettings.UnseenCouples || c.Setting == ProfileSettings.RefusalOrder))
            .ShouldAllBe(f => f.Explained.Contains(served) || f.Alternatives.Contains(served), why);
        if (alone)
        {
            result.SettingChanges.ShouldBe([served], why);
        }
    }

    /// <summary>
    /// LST-5, LST-1 under endedCoupleDetails=served: a couple outside the masks that a masked user's list leaves out, its
    /// details refused, with no other account's list to ask (the observer's account is held by someone: its login does
    /// nothing), is taken for ended as a guess; a later list that holds it takes the guess back. Taken as a fact, that
    /// list was a documented break: an ended couple listed.
    /// </summary>
    [Fact]
    public async Task LST_1_A_guessed_end_is_taken_back_by_a_list_that_holds_the_couple()
    {
        // Arrange: a recorder that omits couples outside a user's masks, checked against a profile that serves ended details;
        // once the run has started, a login of the observer's account (admin) does nothing, and a third account's masks
        // cover both couples
        ModelUser[] accounts = [.. Accounts, new("lister", "lister", true, false, ["5550102", "1002?"])];
        var held = false;
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            if (held && request.RequestUri!.AbsolutePath.EndsWith("/loginAction.do", StringComparison.Ordinal) && request.Content is { } form
                && (await form.ReadAsStringAsync()).StartsWith("login=admin&", StringComparison.Ordinal))
            {
                request.Content = new FormUrlEncodedContent([new("login", "admin"), new("password", "held")]);
            }

            return await send(request);
        }) { InnerHandler = handler });
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.Default.With(ProfileSettings.UnseenCouples, "omitted").Profile! with { Name = "recorder" });
        await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "20030", "10.0.0.6", "10.0.2.30")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        real.ObserverLogin.ShouldBe("admin");
        held = true;
        var profile = KitProfile.Default.With(ProfileSettings.EndedCoupleDetails, "served").Profile!;
        int Index(string login) => real.World.Users.Select(u => u.Login).Order(StringComparer.Ordinal).ToList().IndexOf(login); // as a login step picks its user
        ImmutableArray<Command> steps =
        [
            new LoginCommand(0, Index("masked"), PasswordKind.Right, WithCookie: true),
            new ListCommand(0, FilterSpec.None, FilterSpec.None),
            new LoginCommand(1, Index("lister"), PasswordKind.Right, WithCookie: true),
            new ListCommand(1, FilterSpec.None, FilterSpec.None),
        ];

        // Act
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real).RunAsync(new Scenario(real.World, steps), profile, null, null, TestContext.Current.CancellationToken);

        // Assert
        outcome.Broken.ShouldBeNull($"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}");
    }

    /// <summary>
    /// LST-5, LST-1 under endedCoupleDetails=served: where the only other account that may see the couple has phone masks
    /// of its own, its list that leaves the couple out shows an end by the kit's access rules (inferred) alone; the
    /// recorder's own matching may leave it out while in progress. Taken as a fact, the next list that held the couple
    /// was a documented break (an ended couple listed); it is a guess that list takes back.
    /// </summary>
    [Fact]
    public async Task LST_1_An_end_shown_only_by_a_masked_accounts_list_is_a_guess()
    {
        // Arrange: a recorder whose matching leaves the couple outside agent's masks out of agent's lists, and once out of
        // the list of sup, whose masks (5*) cover it by the kit's rules
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, false, ["1002?"]), new("sup", "sup", true, false, ["5*"])];
        var supLists = 0;
        var armed = false; // from the scenario on: the run's own look at the world sees the couple
        string? agentSession = null;
        string? supSession = null;
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var form = Rewriting.Is(request, "POST", "/loginAction.do") ? await Rewriting.FormOf(request) : null;
            var answer = await send(request);
            if (form is not null && answer.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal)) is { } cookie)
            {
                var id = cookie.Split(';')[0]["JSESSIONID=".Length..];
                agentSession = form.Contains("login=agent", StringComparison.Ordinal) ? id : agentSession;
                supSession = form.Contains("login=sup", StringComparison.Ordinal) ? id : supSession;
            }

            var session = Rewriting.SessionOf(request);
            var hide = armed && Rewriting.IsList(request) && session is not null && (session == agentSession || (session == supSession && Interlocked.Increment(ref supLists) == 1));
            return hide ? await Rewriting.WithXml(answer, root => root.Elements().Where(e => e.Element("callingNumber")?.Value == "5550102" || e.Attribute("id")?.Value == "24198").Remove()) : answer;
        }) { InnerHandler = handler });
        await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "20030", "10.0.0.6", "10.0.2.30")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var profile = KitProfile.Default.With(ProfileSettings.EndedCoupleDetails, "served").Profile!;
        armed = true;
        ImmutableArray<Command> steps =
        [
            new LoginCommand(0, 1, PasswordKind.Right, WithCookie: true),
            new LoginCommand(1, 2, PasswordKind.Right, WithCookie: true),
            new ListCommand(0, FilterSpec.None, FilterSpec.None),
            new ListCommand(1, FilterSpec.None, FilterSpec.None),
        ];

        // Act
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real).RunAsync(new Scenario(real.World, steps), profile, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = $"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}";
        supLists.ShouldBe(2, trace);
        outcome.Broken.ShouldBeNull(trace);
    }
    /// <summary>
    /// LST-5, LST-1 under endedCoupleDetails=served and maskScope=call: a couple outside a masked user's masks that the
    /// user may see through another leg of its call within them, both legs ended before the list. Judged first, while the
    /// kit still held the other leg in progress, its 403 was taken for a couple in progress the list left out: a
    /// difference on LST-5 the recorder did not have. A masked user's 403 under maskScope=call is ambiguous too.
    /// </summary>
    [Fact]
    public async Task LST_5_Under_maskScope_call_a_leg_seen_through_an_ended_leg_is_judged_by_a_list()
    {
        // Arrange: one call of two legs, the first outside the masks, the second (joined after) within them
        await using var inner = new InProcessTarget();
        var served = KitProfile.Default.With(ProfileSettings.MaskScope, "call").Profile!.With(ProfileSettings.EndedCoupleDetails, "served").Profile!;
        inner.Control!.ServerProfile = ProfileJson.Write(served with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550102", "20030", "10.0.0.6", "10.0.2.30")]), TestContext.Current.CancellationToken);
        var leg = await inner.Control.StartCallAsync(new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), TestContext.Current.CancellationToken, couples[0].CallId);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        (await inner.Control.EndCallAsync(couples[0].Id, TestContext.Current.CancellationToken)).ShouldBeTrue();
        (await inner.Control.EndCallAsync(leg.Id, TestContext.Current.CancellationToken)).ShouldBeTrue();
        ImmutableArray<Command> steps = [new LoginCommand(0, 1, PasswordKind.Right, WithCookie: true), new ListCommand(0, new FilterSpec(ValueKind.Known, 1, null), FilterSpec.None)];

        // Act
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real).RunAsync(new Scenario(real.World, steps), served, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = $"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}";
        outcome.Transcript.ShouldContain(e => e.PathAndQuery.EndsWith($"/couples.xml/{couples[0].Id}", StringComparison.Ordinal) && e.Status == 403, trace);
        outcome.Broken.ShouldBeNull(trace);
    }

    /// <summary>
    /// LST-5 under maskScope=call and endedCoupleDetails=served: a couple within the masked user's own masks is served
    /// after it ends, so a 403 to it says it is in progress; the recorder that leaves it out of the user's lists differs
    /// on LST-5. Taken for ended (any masked 403 ambiguous under maskScope=call), that difference went unreported, and an
    /// unmasked account's list that then held the couple was called LST-7 broken: an ended couple listed.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LST_5_Under_maskScope_call_a_403_to_a_couple_within_the_users_own_masks_says_it_is_in_progress(bool adminLists)
    {
        // Arrange: a recorder whose matching leaves the couple within the masks out of the masked user's lists and refuses it
        string? maskedSession = null;
        var armed = false;
        long hidden = 0;
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var form = Rewriting.Is(request, "POST", "/loginAction.do") ? await Rewriting.FormOf(request) : null;
            var session = Rewriting.SessionOf(request);
            if (armed && session is not null && session == maskedSession && Rewriting.Is(request, "GET", $"/couples.xml/{hidden}"))
            {
                return new HttpResponseMessage(System.Net.HttpStatusCode.Forbidden) { Content = new StringContent("outside") };
            }

            var answer = await send(request);
            if (form is not null && form.Contains("login=masked", StringComparison.Ordinal) && answer.Headers.TryGetValues("Set-Cookie", out var cookies)
                && cookies.FirstOrDefault(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal)) is { } cookie)
            {
                maskedSession = cookie.Split(';')[0]["JSESSIONID=".Length..];
            }

            return armed && Rewriting.IsList(request) && session is not null && session == maskedSession
                ? await Rewriting.WithXml(answer, root => root.Elements().Where(e => e.Attribute("id")?.Value == $"{hidden}").Remove())
                : answer;
        }) { InnerHandler = handler });
        var served = KitProfile.Default.With(ProfileSettings.MaskScope, "call").Profile!.With(ProfileSettings.EndedCoupleDetails, "served").Profile!;
        inner.Control!.ServerProfile = ProfileJson.Write(served with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "20030", "10.0.0.6", "10.0.2.30")]), TestContext.Current.CancellationToken);
        hidden = couples[0].Id;
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        armed = true;
        ImmutableArray<Command> steps =
        [
            new LoginCommand(0, 1, PasswordKind.Right, WithCookie: true),
            new ListCommand(0, new FilterSpec(ValueKind.Known, 0, null), FilterSpec.None),
            .. adminLists ? new Command[] { new LoginCommand(1, 0, PasswordKind.Right, WithCookie: true), new ListCommand(1, FilterSpec.None, FilterSpec.None) } : [],
        ];

        // Act
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real).RunAsync(new Scenario(real.World, steps), served, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = $"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}";
        outcome.Broken.ShouldNotBeNull(trace);
        (outcome.Broken.Rule, outcome.Broken.Documented).ShouldBe(("LST-5", false), trace);
    }

    /// <summary>
    /// LST-5 under maskScope=call and unseenCouples=omitted: the leg within the masks that let the user see a couple outside
    /// them ended unseen, the couple is still in progress; the recorder leaves it out of the user's list and refuses it,
    /// rightly. The kit, holding the leg in progress, expected it listed: the user's unfiltered list, which lacks the leg,
    /// shows that leg ended.
    /// </summary>
    [Theory]
    [InlineData("served")]
    [InlineData("status")]
    public async Task LST_5_Under_maskScope_call_a_couple_whose_leg_within_the_masks_ended_is_left_out_rightly(string details)
    {
        // Arrange: one call of two legs, the second (joined after) within the masks; it ends before the list
        await using var inner = new InProcessTarget();
        var profile = KitProfile.Default.With(ProfileSettings.MaskScope, "call").Profile!.With(ProfileSettings.EndedCoupleDetails, details).Profile!.With(ProfileSettings.UnseenCouples, "omitted").Profile!;
        inner.Control!.ServerProfile = ProfileJson.Write(profile with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550102", "20030", "10.0.0.6", "10.0.2.30")]), TestContext.Current.CancellationToken);
        var leg = await inner.Control.StartCallAsync(new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), TestContext.Current.CancellationToken, couples[0].CallId);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        (await inner.Control.EndCallAsync(leg.Id, TestContext.Current.CancellationToken)).ShouldBeTrue();
        ImmutableArray<Command> steps = [new LoginCommand(0, 1, PasswordKind.Right, WithCookie: true), new LoginCommand(1, 0, PasswordKind.Right, WithCookie: true), new ListCommand(0, new FilterSpec(ValueKind.Known, 1, null), FilterSpec.None)];

        // Act
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real).RunAsync(new Scenario(real.World, steps), profile, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = $"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}";
        outcome.Transcript.ShouldContain(e => e.PathAndQuery.EndsWith($"/couples.xml/{couples[0].Id}", StringComparison.Ordinal) && e.Status == 403, trace);
        outcome.Broken.ShouldBeNull(trace);
    }

    /// <summary>
    /// LST-3, LST-1 under endedCoupleDetails=served: a filtered list that leaves out a couple outside the masked user's
    /// masks, which the user's own unfiltered list holds (in progress), its details refused as alike whether it ended or
    /// not. With no other account's list to ask, the couple was taken for ended as a guess, and the filtered list that
    /// left it out passed; the unfiltered list shows it in progress.
    /// </summary>
    [Fact]
    public async Task LST_3_A_couple_the_users_own_unfiltered_list_holds_is_no_guessed_end()
    {
        // Arrange: a recorder whose filtered lists leave out the couple outside the masks
        long hidden = 0;
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var answer = await send(request);
            return Rewriting.IsList(request) && !string.IsNullOrEmpty(request.RequestUri!.Query)
                ? await Rewriting.WithXml(answer, root => root.Elements().Where(e => e.Attribute("id")?.Value == $"{hidden}").Remove())
                : answer;
        }) { InnerHandler = handler });
        var served = KitProfile.Default.With(ProfileSettings.EndedCoupleDetails, "served").Profile!;
        inner.Control!.ServerProfile = ProfileJson.Write(served with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "20030", "10.0.0.6", "10.0.2.30")]), TestContext.Current.CancellationToken);
        hidden = couples[1].Id;
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        ImmutableArray<Command> steps = [new LoginCommand(0, 1, PasswordKind.Right, WithCookie: true), new ListCommand(0, new FilterSpec(ValueKind.Known, 1, null), FilterSpec.None)];

        // Act
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real).RunAsync(new Scenario(real.World, steps), served, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = $"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}";
        outcome.Transcript.ShouldContain(e => e.PathAndQuery.Contains("?phoneNumber=", StringComparison.Ordinal) && e.Status == 200, trace);
        outcome.Transcript.ShouldContain(e => e.PathAndQuery.EndsWith($"/couples.xml/{hidden}", StringComparison.Ordinal) && e.Status == 403, trace);
        outcome.Broken.ShouldNotBeNull(trace);
    }

    /// <summary>
    /// LST-1 under endedCoupleDetails=served and unseenCouples=omitted: a couple that ended is left out of a masked user's
    /// list while the recorder still serves its details to that user; the list of an account without masks, which lacks
    /// it too, shows the end. Judged by the served details alone, the couple was in progress and the list broke LST-1.
    /// </summary>
    [Fact]
    public async Task LST_1_A_couple_left_out_of_a_masked_list_whose_details_are_served_is_ended_where_another_list_lacks_it()
    {
        // Arrange: the recorder serves ended couples' details and leaves couples outside the masks out of a list; a couple
        // within the masked user's masks ends once the run has looked at the recorder
        await using var inner = new InProcessTarget();
        var profile = KitProfile.Default.With(ProfileSettings.EndedCoupleDetails, "served").Profile!.With(ProfileSettings.UnseenCouples, "omitted").Profile!;
        inner.Control!.ServerProfile = ProfileJson.Write(profile with { Name = "recorder" });
        var couples = await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "10022", "10.0.0.6", "10.0.2.30")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        (await inner.Control.EndCallAsync(couples[0].Id, TestContext.Current.CancellationToken)).ShouldBeTrue();
        ImmutableArray<Command> steps = [new LoginCommand(0, 1, PasswordKind.Right, WithCookie: true), new ListCommand(0, FilterSpec.None, FilterSpec.None)];

        // Act
        var outcome = await new ScenarioRunner(recorder, TimeSpan.Zero, real).RunAsync(new Scenario(real.World, steps), profile, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = $"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}";
        outcome.Transcript.ShouldContain(e => e.PathAndQuery == $"/callrec/restful/couples.xml/{couples[0].Id}" && e.Status == 200, trace);
        outcome.Broken.ShouldBeNull(trace);
    }
}
