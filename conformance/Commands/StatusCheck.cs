using System.Globalization;
using PauseResume.Conformance.Kit;

namespace PauseResume.Conformance.Commands;

/// <summary>The expected status of an answer, the rule that decides it, and whether that expectation is an inference.</summary>
internal sealed record StatusCheck(int Status, string Rule, string Why, bool Inferred = false)
{
    /// <summary>
    /// Compares the status; a mismatch may be blamed on another rule (<paramref name="actualRule"/>, documented unless
    /// <paramref name="actualRuleInferred"/>), as when a refused pause breaks PSE-1 rather than the status rule.
    /// </summary>
    public Check Against(int actual, string? actualRule = null, bool actualRuleInferred = false) =>
        actual == Status || actualRule is null
            ? new(Rule, actual == Status, Why, Text(Status), Text(actual), Inferred)
            : new(actualRule, false, Why, Text(Status), Text(actual), actualRuleInferred);

    private static string Text(int status) => status.ToString(CultureInfo.InvariantCulture);
}
