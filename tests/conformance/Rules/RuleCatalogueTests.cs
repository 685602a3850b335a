using PauseResume.Conformance.Rules;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Rules;

/// <summary>The kit keeps its own rule list, apart from the simulator's; it must agree with the API reference.</summary>
public sealed class RuleCatalogueTests
{
    [Fact]
    public void The_kits_rule_list_agrees_with_RECORDER_API_md()
    {
        var documented = ApiReference.Rules();
        if (documented is null)
        {
            Assert.Skip("RECORDER-API.md is not beside the repository (expected at ../shared)");
        }

        documented.ShouldNotBeEmpty();
        RuleCatalogue.All.Select(r => (r.Id, r.Documented)).ShouldBe(documented, "ids and kinds, in the document's order");
    }

    [Fact]
    public void Every_rule_is_in_the_kits_list_once()
    {
        RuleCatalogue.All.Select(r => r.Id).ShouldBeUnique();
        RuleCatalogue.All.Where(r => r.Documented).Select(r => r.Id)
            .ShouldBe(["SES-1", "SES-2", "SES-3", "SES-5", "LST-1", "LST-2", "LST-3", "LST-4", "LST-5", "DET-1", "DET-2", "PSE-1", "PSE-2"]);
    }
}
