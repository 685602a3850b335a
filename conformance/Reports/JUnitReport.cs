using System.Xml.Linq;
using PauseResume.Conformance.Kit;

namespace PauseResume.Conformance.Reports;

/// <summary>The JUnit XML report a CI reads: one test case per rule; a failure carries the minimal reproduction.</summary>
internal static class JUnitReport
{
    public static XDocument Write(KitResult result) => new(
        new XElement(
            "testsuites",
            new XElement(
                "testsuite",
                new XAttribute("name", $"PauseResume conformance of {result.Target}"),
                new XAttribute("tests", result.Rules.Count),
                new XAttribute("failures", result.Rules.Count(r => r.Status == RuleStatus.Failed)),
                new XAttribute("skipped", result.Rules.Count(r => r.Status == RuleStatus.NotChecked)),
                new XElement("properties",
                    new XElement("property", new XAttribute("name", "profile"), new XAttribute("value", result.Profile)),
                    new XElement("property", new XAttribute("name", "seed"), new XAttribute("value", result.Seed))),
                result.Rules.Select(Case),
                result.AuditProblems.Count == 0 ? null : new XElement("testcase", new XAttribute("classname", "audit"), new XAttribute("name", "no couple left changed"),
                    new XElement("failure", new XAttribute("message", string.Join("; ", result.AuditProblems)))))));

    private static XElement Case(RuleResult rule) => new(
        "testcase",
        new XAttribute("classname", rule.Rule.Id[..3]),
        new XAttribute("name", $"{rule.Rule.Id} {rule.Rule.Summary}"),
        rule.Status switch
        {
            RuleStatus.Failed => new XElement("failure",
                new XAttribute("message", $"{rule.Failure!.Check.What}: expected {rule.Failure.Check.Expected}, actual {rule.Failure.Check.Actual}"),
                string.Join("\n", rule.Failure.Trace.Select((t, i) => $"{i + 1}. {t}")) + "\n\n" + rule.Failure.CurlScript),
            RuleStatus.NotChecked => new XElement("skipped", new XAttribute("message", rule.Detail)),
            _ => null,
        });
}
