using System.Net;
using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Conformance.Wire;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>
/// Who may pause is inferred (the access rules), but DET-2 is documented: the details give the pausedState link only if
/// the user may pause. A recorder that refused one account's pauses of one couple while its details showed that account
/// the link was only said to differ from the inferred rules (exit 3) where the scenario had not read those details
/// before: the details read in the same session right after the refusal tell.
/// </summary>
public sealed class RefusedWithLinkTests
{
    private static readonly ModelUser[] Accounts = [new("admin", "admin", true, true, [])];

    /// <summary>
    /// A recorder observed as a real one that answers every good pause or resume with a 403; where <paramref name="hidesLink"/>,
    /// its details show no pausedState link either (a recorder whose access rules are not ours, but keep DET-2).
    /// </summary>
    private static async Task<(RunOutcome Outcome, string Trace)> RunAsync(bool hidesLink, bool compared = false)
    {
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            if (Rewriting.IsPausedState(request) && request.Method != HttpMethod.Get)
            {
                return new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("refused") };
            }

            var response = await send(request);
            if (hidesLink && request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/couples.xml/", StringComparison.Ordinal))
            {
                var body = await response.Content.ReadAsStringAsync();
                var without = System.Text.RegularExpressions.Regex.Replace(body, "<[^>]*rel=\"pausedState\"[^>]*>", string.Empty);
                response.Content = new StringContent(without, System.Text.Encoding.UTF8, "application/xml");
            }

            return response;
        }) { InnerHandler = handler });
        var couples = await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, Accounts, [.. couples.Select(c => c.Id)], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        var runner = new ScenarioRunner(recorder, TimeSpan.Zero, real) { Settle = TimeSpan.Zero, RunToTheEnd = compared };
        Command[] steps = [new LoginCommand(0, 0, PasswordKind.Right, WithCookie: true), new SetPausedCommand(0, new CoupleRef(0), false, PausedValue.True, false)];
        var outcome = await runner.RunAsync(new Scenario(real.World, [.. steps]), KitProfile.Default, null, null, TestContext.Current.CancellationToken);
        return (outcome, string.Join("\n", outcome.Trace) + "\n" + string.Join("\n", outcome.Transcript.Select(e => $"{e.Method} {e.PathAndQuery} → {e.Status}")));
    }

    private static bool IsDetails(Exchange e) => e.Method == "GET" && e.PathAndQuery.StartsWith("/callrec/restful/couples.xml/", StringComparison.Ordinal);

    [Fact]
    public async Task DET_2_A_pause_refused_while_the_details_show_the_same_user_its_link_breaks_DET_2()
    {
        // Act
        var (outcome, trace) = await RunAsync(hidesLink: false);

        // Assert
        outcome.Broken.ShouldNotBeNull(trace);
        outcome.Broken.Rule.ShouldBe("DET-2", trace);
        outcome.Broken.Documented.ShouldBeTrue($"the link is there only if the user may pause (documented)\n{trace}");
        outcome.Transcript.SkipWhile(e => !e.PathAndQuery.EndsWith("/pausedState", StringComparison.Ordinal)).Count(IsDetails).ShouldBe(1, trace);
    }

    [Fact]
    public async Task PSE_4_A_pause_refused_where_the_details_show_no_link_differs_from_the_inferred_access_rules_only()
    {
        // Act
        var (outcome, trace) = await RunAsync(hidesLink: true);

        // Assert
        outcome.Broken.ShouldNotBeNull(trace);
        outcome.Broken.Rule.ShouldBe("PSE-4", trace);
        outcome.Broken.Documented.ShouldBeFalse($"who may pause is inferred, and the server's link agrees with its refusal\n{trace}");
    }

    [Fact]
    public async Task A_comparison_reads_no_details_after_a_refused_pause()
    {
        // Act
        var (outcome, trace) = await RunAsync(hidesLink: false, compared: true);

        // Assert
        outcome.Transcript.ShouldContain(e => e.PathAndQuery.EndsWith("/pausedState", StringComparison.Ordinal) && e.Status == 403, trace);
        outcome.Transcript.SkipWhile(e => !e.PathAndQuery.EndsWith("/pausedState", StringComparison.Ordinal)).ShouldNotContain(e => IsDetails(e), trace);
    }
}
