using System.Xml.Linq;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;

namespace PauseResume.Conformance.Tests.Kit;

/// <summary>The reproduction script of a failure says what failed beside the failing step's own request.</summary>
public sealed class ReproScriptTests
{
    /// <summary>
    /// LST-3: a recorder whose filtered lists leave out a couple in progress that they match. After such a list the kit
    /// reads the missing couple's details and the unfiltered list (has it ended?), and the script told the failure beside
    /// the last of those, not the filtered list that failed.
    /// </summary>
    [Fact]
    public async Task The_failure_is_told_beside_the_list_that_left_a_couple_out_not_the_details_read_after_it()
    {
        // Arrange: every filtered list is empty, though the couples it matches stay in progress
        ModelUser[] accounts = [new("admin", "admin", true, true, [])];
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
            Rewriting.IsList(request) && request.RequestUri!.Query.Length > 1
                ? await Rewriting.WithXml(await send(request), root => root.Elements("couples").ToList().ForEach(c => c.Remove()))
                : await send(request)) { InnerHandler = handler });
        await inner.Control!.ResetAsync(new WorldSpec(1, [.. accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21"), new CallSpec("5550102", "10022", "10.0.0.6", "10.0.1.22")]), TestContext.Current.CancellationToken);
        var recorder = new ObservedTarget(inner);
        var real = await RealWorld.ObserveAsync(recorder, accounts, [], allowPause: false, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Act
        var result = await new ConformanceKit(recorder, PauseResume.Conformance.Profiles.KitProfile.Default, TextWriter.Null) { Seed = 1, Runs = 40, MaxRuns = 40, Real = real }.RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var failure = result.Failures.FirstOrDefault(f => f.Rule.StartsWith("LST", StringComparison.Ordinal));
        failure.ShouldNotBeNull(string.Join("\n", result.Rules.Select(r => $"{r.Rule.Id} {r.Status}: {r.Detail}")));
        var told = failure.CurlScript.Split('\n').Where(line => line.Contains($"# {(failure.BreaksDocumentedRule ? "breaks" : "differs on")} ", StringComparison.Ordinal)).ToList();
        told.ShouldHaveSingleItem(failure.CurlScript).ShouldContain("/callrec/restful/couples.xml?", Case.Sensitive, failure.CurlScript);
    }
}
