using System.Net;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// Who may see a couple's details is inferred (the access rules), but LST-5 is documented: a listed couple carries its
/// self link only if the user may see the details. A recorder that linked every couple for every user while refusing
/// the details outside the user's masks was only said to differ from the inferred rules (exit 3): the scenario stopped at
/// the list. The details read through the first link shown against the prediction, at once in the same session, tell.
/// </summary>
public sealed class LinkedThenRefusedTests
{
    private static readonly ModelUser[] Accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["1002?"])];

    /// <summary>
    /// A recorder observed as a real one whose lists give the agent the admin's list (a self link on every couple); where
    /// <paramref name="detailsToo"/>, its details give the agent what they give the admin as well (access rules that are
    /// not ours, kept consistently), else the simulator's own refusal outside the agent's masks.
    /// </summary>
    private static async Task<(RunOutcome Outcome, string Trace)> RunAsync(bool detailsToo)
    {
        string? adminSession = null;
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var asAdmin = Rewriting.IsList(request) || (detailsToo && request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/couples.xml/", StringComparison.Ordinal));
            if (!asAdmin || Rewriting.SessionOf(request) is null || Rewriting.SessionOf(request) == adminSession)
            {
                return await send(request);
            }

            adminSession ??= await Rewriting.LogInAsync(send, request.RequestUri!, "admin");
            using var again = new HttpRequestMessage(request.Method, request.RequestUri);
            again.Headers.Add("Cookie", $"JSESSIONID={adminSession}");
            return await send(again);
        }) { InnerHandler = handler });
        var couples = await inner.Control!.ResetAsync(
            new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "10099", "10.0.0.6", "10.0.1.99")]),
            TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [.. couples.Select(c => c.Id)], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var runner = new ScenarioRunner(recorder, TimeSpan.Zero, real) { Settle = TimeSpan.Zero };
        Command[] steps = [new LoginCommand(0, 1, PasswordKind.Right, WithCookie: true), new ListCommand(0, FilterSpec.None, FilterSpec.None)];
        var outcome = await runner.RunAsync(new Scenario(real.World, [.. steps]), KitProfile.Default, null, null, TestContext.Current.CancellationToken);
        return (outcome, Rewriting.Trace(outcome));
    }

    [Fact]
    public async Task LST_5_A_self_link_to_details_the_same_server_then_refuses_the_same_user_breaks_LST_5()
    {
        var (outcome, trace) = await RunAsync(detailsToo: false);

        outcome.Broken.ShouldNotBeNull(trace);
        outcome.Broken.Rule.ShouldBe("LST-5", trace);
        outcome.Broken.Documented.ShouldBeTrue($"the link is there only if the user may see the details (documented)\n{trace}");
        outcome.Transcript.Count(e => e.Method == "GET" && e.PathAndQuery.StartsWith("/callrec/restful/couples.xml/", StringComparison.Ordinal) && e.Status == 403).ShouldBe(1, trace);
    }

    [Fact]
    public async Task LST_5_Self_links_the_details_agree_with_differ_from_the_inferred_access_rules_only()
    {
        var (outcome, trace) = await RunAsync(detailsToo: true);

        outcome.Broken.ShouldNotBeNull(trace);
        outcome.Broken.Rule.ShouldBe("LST-5", trace);
        outcome.Broken.Documented.ShouldBeFalse($"who may see a couple is inferred, and the server's details agree with its link\n{trace}");
    }
}
