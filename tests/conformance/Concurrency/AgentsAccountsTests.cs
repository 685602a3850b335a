using System.Xml.Linq;
using PauseResume.Conformance.Concurrency;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Reports;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Hosting;

namespace PauseResume.Conformance.Tests.Concurrency;

/// <summary>Which accounts the agents take on a real recorder, by the phone masks the profile says how to read.</summary>
public sealed class AgentsAccountsTests
{
    /// <summary>
    /// LST-5 under maskScope=call on a real recorder: the only account with the pause right has a mask that matches the
    /// other leg of the allowed couple's call, not the couple itself; it reaches the couple through the call, so it is an agent.
    /// </summary>
    [Fact]
    public async Task Under_maskScope_call_an_account_that_reaches_the_allowed_couple_through_its_call_is_an_agent()
    {
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, false, []), new("agent", "agent", true, true, ["10050"])];
        var profile = KitProfile.Default.With(ProfileSettings.MaskScope, "call").Profile!;
        await using var inner = new InProcessTarget(description: "faithful");
        inner.Control!.ServerProfile = ProfileJson.Write(profile);
        var first = (await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken))[0];
        await inner.Control.StartCallAsync(new CallSpec("10021", "10050", "10.0.1.21", "10.0.1.50"), TestContext.Current.CancellationToken, first.CallId);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [first.Id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new AgentsRun(recorder, new AgentsPlan(2, 20, 1, TimeSpan.Zero, TimeSpan.FromSeconds(10)), TextWriter.Null) { Real = real, Accounts = accounts, Profile = profile }
            .RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var report = AgentsReport.Text(result, "replay");
        result.ExitCode().ShouldBe(KitResult.ExitConformant, report);
        result.Couples.ShouldHaveSingleItem().Operations.ShouldBeGreaterThan(2, report);
    }

    /// <summary>
    /// LST-1, DET-3: an allowed couple whose call ends before the agents start is left out, never a stop. One ended
    /// between the run's first look and the agents' lists; another ends between an agent's list and its details, which a
    /// recorder under refusalOrder=masks-first refuses 403 to a user with phone masks: the run stopped with exit 2, saying
    /// the agent saw no pausedState link (LST-5, DET-2).
    /// </summary>
    [Fact]
    public async Task DET_3_Allowed_couples_that_end_before_the_agents_start_are_left_out_and_said_so()
    {
        // Arrange
        ModelUser[] accounts = [new("agent", "agent", true, true, ["1002?"])];
        var profile = KitProfile.Default.With(ProfileSettings.RefusalOrder, "masks-first").Profile!;
        long endsOnDetails = 0;
        var armed = false;
        InProcessTarget? inner = null;
        inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            if (Volatile.Read(ref armed) && request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith($"/couples.xml/{endsOnDetails}", StringComparison.Ordinal))
            {
                Volatile.Write(ref armed, false);
                await inner!.Control!.EndCallAsync(endsOnDetails, CancellationToken.None);
            }

            return await send(request);
        }) { InnerHandler = handler }, "calls that end");
        await using var _ = inner;
        inner.Control!.ServerProfile = ProfileJson.Write(profile);
        var made = await inner.Control.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", null, null), new CallSpec("5550102", "10022", null, null), new CallSpec("5550103", "10023", null, null)]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [.. made.Select(c => c.Id)], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        await inner.Control.EndCallAsync(made[0].Id, TestContext.Current.CancellationToken);
        endsOnDetails = made[1].Id;
        armed = true;

        // Act
        var result = await new AgentsRun(recorder, new AgentsPlan(2, 20, 1, TimeSpan.Zero, TimeSpan.FromSeconds(10)), TextWriter.Null) { Real = real, Accounts = accounts, Profile = profile }
            .RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var report = AgentsReport.Text(result, "replay");
        result.ExitCode().ShouldBe(KitResult.ExitConformant, report);
        result.Couples.Single(c => c.Couple == made[2].Id).Operations.ShouldBeGreaterThan(2, report);
        foreach (var gone in made.Take(2))
        {
            result.Couples.Single(c => c.Couple == gone.Id).NotChecked.ShouldBe($"couple {gone.Id} ended before the agents started: the list no longer held it (LST-1), and a call that ends is a legal event", report);
        }
    }

    /// <summary>
    /// LST-5, DET-2: a recorder whose links are relative to their document (<c>couples.xml/24197</c> in the list,
    /// <c>24197/pausedState</c> in the details, as a resource that builds them from its own path): the agents follow them
    /// from the document, as a client does, and pause the couple.
    /// </summary>
    [Fact]
    public async Task Links_relative_to_their_document_are_followed_from_it()
    {
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, true, [])];
        XNamespace atom = "http://www.w3.org/2005/Atom";
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/callrec/restful/couples.xml", StringComparison.Ordinal) && response.IsSuccessStatusCode
                ? await Rewriting.WithXml(response, root =>
                {
                    foreach (var link in root.Descendants(atom + "link"))
                    {
                        var href = new Uri(link.Attribute("href")!.Value).AbsolutePath;
                        link.SetAttributeValue("href", Rewriting.IsList(request) ? href[(href.LastIndexOf("/couples.xml/", StringComparison.Ordinal) + 1)..] : href[(href.LastIndexOf("/couples.xml/", StringComparison.Ordinal) + "/couples.xml/".Length)..]);
                    }
                })
                : response;
        }) { InnerHandler = handler }, "document-relative links");
        var first = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken))[0];
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [first.Id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new AgentsRun(recorder, new AgentsPlan(2, 20, 1, TimeSpan.Zero, TimeSpan.FromSeconds(10)), TextWriter.Null) { Real = real, Accounts = accounts, Profile = KitProfile.Default }
            .RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var report = AgentsReport.Text(result, "replay");
        result.ExitCode().ShouldBe(KitResult.ExitConformant, report);
        result.Couples.ShouldHaveSingleItem().Operations.ShouldBeGreaterThan(2, report);
    }
}
