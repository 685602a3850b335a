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
        actual == Status || Also.Contains(actual) ? new(Rule, true, Why, Text(Status), Text(actual), Inferred)
        : PastLogin.Contains(actual) ? new Check(OtherFailureRule ?? Rule, false, $"{Why} (a bad parameter's {Text(actual)} came first: where it is checked is inferred, {PastLoginSetting})", Text(Status), Text(actual), InferredPart: true) { RequestRule = Rule }
        : actual is < 200 or >= 300 && OtherFailureRule is not null ? new Check(OtherFailureRule, false, Why, Text(Status), Text(actual), Inferred) { RequestRule = Rule }
        : actualRule is not null ? new Check(actualRule, false, Why, Text(Status), Text(actual), actualRuleInferred) { RequestRule = Rule }
        : new(Rule, false, Why, Text(Status), Text(actual), Inferred);

    /// <summary>
    /// The rule a failure other than an unexpected success breaks: a refusal for want of a session answered with, say,
    /// 405 is about the request, not about the rule that logged the session out.
    /// </summary>
    public string? OtherFailureRule { get; init; }

    /// <summary>
    /// A bad parameter's statuses (400, the invalid direction's) where the profile refuses bad parameters after the login
    /// check: answered where the model holds no session, either the server took a session (the rule that logged it out
    /// is broken, which a success would show) or it checks parameters first (<see cref="PastLoginSetting"/>). Neither is the
    /// request's documented rule: the mismatch is its inferred part.
    /// </summary>
    public IReadOnlySet<int> PastLogin { get; init; } = new HashSet<int>();

    /// <summary>The setting that places the bad parameter of <see cref="PastLogin"/>: badDirectionOrder or badPausedOrder.</summary>
    public string PastLoginSetting { get; init; } = string.Empty;

    /// <summary>Other statuses that are as right as <see cref="Status"/> (a couple that ended long ago may be forgotten).</summary>
    public IReadOnlySet<int> Also { get; init; } = new HashSet<int>();

    /// <summary>A refusal the access rules predict (Call List, phone masks, pause right): those rules are inferred.</summary>
    public bool ByAccessRules { get; init; }

    private static string Text(int status) => status.ToString(CultureInfo.InvariantCulture);
}
