using System.Xml.Linq;
using PauseResume.Conformance.Kit;

namespace PauseResume.Conformance.Reports;

/// <summary>
/// The JUnit XML report a CI reads: one test case per rule. A broken documented rule is a failure; a difference
/// from the profile is a failure too, of type "profile-difference", so a CI can tell the two apart.
/// </summary>
internal static class JUnitReport
{
    /// <summary>Writes a JUnit document as UTF-8 without a byte-order mark, which some CI parsers read as text before the XML declaration.</summary>
    public static void Save(System.Xml.Linq.XDocument document, string path)
    {
        using var writer = System.Xml.XmlWriter.Create(path, new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), Indent = true });
        document.Save(writer);
    }

    public static XDocument Write(KitResult result) => new(
        new XElement(
            "testsuites",
            new XElement(
                "testsuite",
                new XAttribute("name", $"PauseResume conformance of {result.Target}"),
                new XAttribute("tests", result.Rules.Count + (Audited(result) ? 1 : 0)),
                new XAttribute("failures", result.Rules.Count(r => r.Status is RuleStatus.Failed or RuleStatus.Differs) + (result.AuditProblems.Count > 0 ? 1 : 0)),
                new XAttribute("skipped", result.Rules.Count(r => r.Status == RuleStatus.NotChecked) + (Audited(result) && result.AuditProblems.Count == 0 ? 1 : 0)),
                new XElement("properties",
                    new XElement("property", new XAttribute("name", "profile"), new XAttribute("value", result.Profile)),
                    new XElement("property", new XAttribute("name", "seed"), new XAttribute("value", result.Seed)),
                    new XElement("property", new XAttribute("name", "verdict"), new XAttribute("value", result.Verdict))),
                result.Rules.Select(Case),
                !Audited(result) ? null : new XElement("testcase", new XAttribute("classname", "audit"), new XAttribute("name", "no couple left changed"),
                    result.AuditProblems.Count > 0
                        ? new XElement("failure", new XAttribute("message", string.Join("; ", result.AuditProblems.Concat(result.AuditUnchecked))))
                        : new XElement("skipped", new XAttribute("message", string.Join("; ", result.AuditUnchecked)))))));

    /// <summary>Whether the audit has a case of its own: a couple left changed (a failure) or one it could not read (skipped).</summary>
    private static bool Audited(KitResult result) => result.AuditProblems.Count > 0 || result.AuditUnchecked.Count > 0;

    private static XElement Case(RuleResult rule) => new(
        "testcase",
        new XAttribute("classname", $"{rule.Rule.Id[..3]}.{(rule.Rule.Documented ? "documented" : "inferred")}"),
        new XAttribute("name", $"{rule.Rule.Id} {rule.Rule.Summary}"),
        new XElement("system-out", $"{rule.Checks} check(s) passed"),
        rule.Status switch
        {
            RuleStatus.Failed or RuleStatus.Differs => new XElement("failure",
                new XAttribute("type", rule.Status == RuleStatus.Failed ? "documented-rule-broken" : "profile-difference"),
                new XAttribute("message", rule.Failure is { } failure ? $"{rule.Detail}: expected {failure.Check.Expected}, actual {failure.Check.Actual}" : rule.Detail),
                rule.Failure is { } shown ? string.Join("\n", shown.Trace.Select((t, i) => $"{i + 1}. {t}")) + "\n\n" + shown.CurlScript : null),
            RuleStatus.NotChecked => new XElement("skipped", new XAttribute("message", rule.Detail)),
            _ => null,
        });
}
