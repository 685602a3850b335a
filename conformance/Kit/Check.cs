namespace PauseResume.Conformance.Kit;

/// <summary>One comparison of the target's answer with what the rules allow, tied to the rule it checks.</summary>
internal sealed record Check(string Rule, bool Passed, string What, string Expected, string Actual)
{
    public static Check That(string rule, bool passed, string what, string expected, string actual) => new(rule, passed, what, expected, actual);

    public static Check Equal<T>(string rule, string what, T expected, T actual) =>
        new(rule, EqualityComparer<T>.Default.Equals(expected, actual), what, $"{expected}", $"{actual}");
}
