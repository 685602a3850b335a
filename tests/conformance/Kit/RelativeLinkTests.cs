using System.Xml.Linq;
using PauseResume.Conformance.Kit;
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
}
