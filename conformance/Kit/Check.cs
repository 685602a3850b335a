using PauseResume.Conformance.Rules;

namespace PauseResume.Conformance.Kit;

/// <summary>
/// One comparison of the target's answer with what the rules allow, tied to the rule it checks. A check of the
/// part of a documented rule that is our inference (the shape of a logout answer, the reading of a bad
/// <c>paused</c>) is marked inferred, so a server that differs there is never said to break the documented rule.
/// </summary>
internal sealed record Check(string Rule, bool Passed, string What, string Expected, string Actual, bool InferredPart = false)
{
    /// <summary>The model's next state does not hang on this answer, so a known difference here need not end a scenario.</summary>
    public bool Neutral { get; init; }

    /// <summary>No profile setting can describe this difference (how late the details show a pause): none is looked for.</summary>
    public bool Timing { get; init; }

    /// <summary>
    /// The check could tell its rule's distinctive part (<see cref="Rules.KitRule.Part"/>) from a near miss: passes of such
    /// checks are counted apart, so a run that met few of them aims more scenarios at the rule.
    /// </summary>
    public bool TellsPart { get; init; }

    /// <summary>
    /// Where the failure was put down to another rule than the request's (a 403 to the login that logged the session
    /// in, or to a lockout, one session per user or an idle timeout: <see cref="Commands.StepContext.SessionPolicy"/>),
    /// the rule the request's own check was of: a value of a setting of that rule may explain the answer as well (an
    /// empty direction read as none, to an account without Call List), so those settings are named beside it too.
    /// </summary>
    public string? RequestRule { get; init; }

    /// <summary>The rules whose settings may describe this difference: its own, and the request's where that differs.</summary>
    public IEnumerable<string> RulesAtStake => RequestRule is { } request && request != Rule ? [Rule, request] : [Rule];

    public static Check That(string rule, bool passed, string what, string expected, string actual) => new(rule, passed, what, expected, actual);

    public static Check Equal<T>(string rule, string what, T expected, T actual) =>
        new(rule, EqualityComparer<T>.Default.Equals(expected, actual), what, $"{expected}", $"{actual}");

    /// <summary>Documented by the vendor: a failure is a bug in the server (unless a profile setting explains it).</summary>
    public bool Documented => !InferredPart && RuleCatalogue.Get(Rule).Documented;

    public Check Inferred() => this with { InferredPart = true };

    /// <summary>
    /// The settings of the check's rule (or values of them) a run never guesses, which the probe measures: a difference no
    /// value a run tries describes may still be one of theirs. errorBody decides what a refusal's body holds, never its
    /// status: it cannot describe one status for another.
    /// </summary>
    public IReadOnlyList<string> ProbedOnlySettings()
    {
        var statusOnly = int.TryParse(Expected, out _) && int.TryParse(Actual, out _);
        return [.. Profiles.ProfileSettings.All.Where(s => (!s.Guessed || s.MeasuredOnly.Count > 0) && s.Rules.Split(", ").Intersect(RulesAtStake).Any()
            && !(statusOnly && s.Name == Profiles.ProfileSettings.ErrorBody)).Select(s => s.Name)];
    }
}
