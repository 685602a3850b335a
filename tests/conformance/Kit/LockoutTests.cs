using System.Collections.Immutable;
using System.Net;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// SES-1 (its inferred part): where wrong passwords went to a real recorder's accounts (--wrong-passwords), a lockout
/// nothing documents may hold, after a wrong password to any account, or for a client rather than a user. A 403 to a
/// session is then put down to that policy (a difference), unless the session's own answer right after the refusal
/// shows it alive: then the refusal is the request's own, judged by its rule.
/// </summary>
public sealed class LockoutTests
{
    /// <summary>
    /// SES-1: a recorder that refuses every request once any login had a wrong password, whichever the account: the 403
    /// to a session logged in before is the lockout's (SES-1 inferred), not LST-5 broken by a self link the list showed.
    /// (A 403 was judged as the request's own where only a wrong password to the same user counted.)
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SES_1_A_refusal_after_a_wrong_password_to_any_account_is_put_down_to_a_lockout_where_the_session_is_not_shown_alive(bool sameUser)
    {
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("other", "other", true, true, [])];
        var locked = false;
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            if (Rewriting.Is(request, "POST", "/loginAction.do"))
            {
                var fields = (await request.Content!.ReadAsStringAsync()).Split('&').Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => Uri.UnescapeDataString(f[1]));
                locked |= fields.TryGetValue("login", out var login) && fields.TryGetValue("password", out var password) && login != password;
                return await send(request);
            }

            return locked ? new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("locked") } : await send(request);
        }) { InnerHandler = handler });
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var target = new ObservedTarget(inner);
        var world = await RealWorld.ObserveAsync(target, accounts, [.. couples.Select(c => c.Id)], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var admin = world.World.Users.IndexOf(world.World.Users.Single(u => u.Login == "admin"));
        var other = world.World.Users.IndexOf(world.World.Users.Single(u => u.Login == "other"));
        ImmutableArray<Command> steps =
        [
            new LoginCommand(0, admin, PasswordKind.Right, WithCookie: true),
            new ListCommand(0, FilterSpec.None, FilterSpec.None),
            new LoginCommand(1, sameUser ? admin : other, PasswordKind.Wrong, WithCookie: true),
            new DetailsCommand(0, new CoupleRef(0), ViaLink: true),
        ];

        // Act
        var outcome = await new ScenarioRunner(target, TimeSpan.Zero, world) { LockoutCarriesOver = true }.RunAsync(new Scenario(world.World, steps), KitProfile.Default, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = $"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}";
        (outcome.Broken?.Rule, outcome.Broken?.Documented).ShouldBe(("SES-1", false), trace);
    }

    /// <summary>
    /// DET-3: a 403 to the details of a couple the access rules grant, in a session whose list the kit reads right after
    /// and is served, is the access rules' difference, not the session's: nothing ended it. (A recorder matching masks
    /// against the called number alone had each such refusal put down to SES-1, "no setting value describes it".)
    /// </summary>
    [Fact]
    public async Task DET_3_A_refusal_in_a_session_shown_alive_right_after_is_the_access_rules_difference()
    {
        // Arrange: a recorder that refuses the masked account the details of the one couple, which its masks match
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("masked", "masked", true, true, ["1002?"])];
        var maskedSessions = new HashSet<string>();
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            if (request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/couples.xml/", StringComparison.Ordinal) && maskedSessions.Contains(Rewriting.SessionOf(request) ?? "none"))
            {
                return new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("refused") };
            }

            var asMasked = Rewriting.Is(request, "POST", "/loginAction.do") && (await request.Content!.ReadAsStringAsync()).Contains("login=masked", StringComparison.Ordinal);
            var response = await send(request);
            if (asMasked)
            {
                maskedSessions.Add(Rewriting.SessionOf(request) ?? "none");
                maskedSessions.UnionWith(response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]).Where(c => c.StartsWith("JSESSIONID=", StringComparison.Ordinal)).Select(c => c["JSESSIONID=".Length..]) : []);
            }

            return response;
        }) { InnerHandler = handler });
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var target = new ObservedTarget(inner);
        var world = await RealWorld.ObserveAsync(target, accounts, [.. couples.Select(c => c.Id)], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var masked = world.World.Users.IndexOf(world.World.Users.Single(u => u.Login == "masked"));
        ImmutableArray<Command> steps = [new LoginCommand(0, masked, PasswordKind.Right, WithCookie: true), new DetailsCommand(0, new CoupleRef(0), ViaLink: false)];

        // Act
        var outcome = await new ScenarioRunner(target, TimeSpan.Zero, world) { LockoutCarriesOver = true }.RunAsync(new Scenario(world.World, steps), KitProfile.Default, null, null, TestContext.Current.CancellationToken);

        // Assert
        var trace = $"{Rewriting.Trace(outcome)}\n{outcome.Broken?.Rule} {outcome.Broken?.What}: {outcome.Broken?.Expected} / {outcome.Broken?.Actual}";
        (outcome.Broken?.Rule, outcome.Broken?.Documented).ShouldBe(("DET-3", false), trace);
    }
}
