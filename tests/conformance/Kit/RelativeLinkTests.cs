using System.Xml.Linq;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>A relative link is relative to the document it is in (RFC 3986), not to the server's root (DET-2).</summary>
public sealed class RelativeLinkTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task A_pausedState_link_relative_to_the_details_has_the_documented_path()
    {
        // Arrange: details whose pausedState link is "24197/pausedState", right against /callrec/restful/couples.xml/24197
        await using var target = new InProcessTarget((_, inner) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            return AccessDeviants.IsDetails(request)
                ? await Rewriting.WithXml(response, root =>
                {
                    foreach (var link in root.Elements(Atom + "link").Where(l => (string?)l.Attribute("rel") == "pausedState"))
                    {
                        link.SetAttributeValue("href", $"{root.Attribute("id")!.Value}/pausedState");
                    }
                })
                : response;
        }) { InnerHandler = inner });

        // Act
        var result = await new ConformanceKit(target, KitProfile.Default, TextWriter.Null) { Seed = 6, Runs = 60 }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var explain = string.Join("\n", result.Failures.Select(f => $"{f.Check.Rule}: {f.Check.What}: expected {f.Check.Expected}, got {f.Check.Actual}"));
        result.Rules.Single(r => r.Rule.Id == "DET-2").Status.ShouldBe(RuleStatus.Passed, $"DET-2: the relative link resolves to the documented path\n{explain}");
        result.Failures.ShouldBeEmpty(explain);
    }

    /// <summary>
    /// LST-5, DET-2: a recorder that writes every link relative to its document (couples.xml/24197 in the list, 24197 and
    /// 24197/pausedState in the details) is measured as linkOrigin=relative by the probe, and a run against the probed
    /// profile finds nothing, as the run resolves each link against the document that holds it.
    /// </summary>
    [Fact]
    public async Task LST_5_DET_2_A_recorder_whose_links_are_relative_to_their_document_is_probed_as_relative_and_passes()
    {
        // Arrange
        ModelUser[] accounts = [new("admin", "admin", true, true, []), new("agent", "agent", true, true, ["100*"])];
        CallSpec[] calls = [.. Enumerable.Range(0, 4).Select(i => new CallSpec($"55501{i:D2}", $"{(i % 2 == 0 ? 100 : 200)}{i:D2}", $"10.0.0.{i + 1}", $"10.0.1.{i + 1}"))];
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            var response = await send(request);
            var list = Rewriting.IsList(request);
            return list || AccessDeviants.IsDetails(request)
                ? await Rewriting.WithXml(response, root =>
                {
                    foreach (var link in root.Descendants(Atom + "link"))
                    {
                        var id = link.Parent!.Attribute("id")!.Value;
                        link.SetAttributeValue("href", (list ? "couples.xml/" : string.Empty) + id + ((string?)link.Attribute("rel") == "pausedState" ? "/pausedState" : string.Empty));
                    }
                })
                : response;
        }) { InnerHandler = handler }, "faithful");
        await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [.. calls]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var (probe, probed) = await ProbedProfile.OfAsync(new PauseResume.Conformance.Probe.Prober(recorder, accounts, [], TimeSpan.Zero));
        var real = await RealWorld.ObserveAsync(recorder, accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, probed, TextWriter.Null) { Seed = 3, Runs = 60, Real = real, Settle = TimeSpan.Zero }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var explain = string.Join("\n", result.Failures.Select(f => $"{f.Check.Rule}: {f.Check.What}: expected {f.Check.Expected}, got {f.Check.Actual}"));
        probed[ProfileSettings.LinkOrigin].ShouldBe("relative", string.Join("\n", probe.Summary));
        real.Couples.ShouldAllBe(c => c.Known, "the observer followed each relative self link to the couple's details");
        result.Failures.ShouldBeEmpty(explain);
    }
}
