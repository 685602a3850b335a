namespace PauseResume.Simulator.Faults;

/// <summary>A fault's rule scope: a rule id (<c>PSE-1</c>) matches that rule, a family (<c>PSE</c>) every rule of it.</summary>
internal static class RuleScope
{
    /// <summary>A scope that names a rule of the API or a family of them: one that names none would never fire.</summary>
    public static bool IsValid(string scope) =>
        scope.Length is > 0 and <= 16 && scope.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && char.IsAsciiLetter(scope[0])
        && Rules.All.Any(r => Matches(scope, r.Id));

    /// <summary>The families of the API's rules, for a message: SES, LST, DET, PSE, GEN.</summary>
    public static string Families => string.Join(", ", Rules.All.Select(r => r.Id.Split('-')[0]).Distinct());

    public static bool Matches(string scope, string? rule) =>
        rule is not null
        && (string.Equals(scope, rule, StringComparison.OrdinalIgnoreCase)
            || (rule.StartsWith(scope, StringComparison.OrdinalIgnoreCase) && rule.Length > scope.Length && rule[scope.Length] == '-' && !scope.Contains('-', StringComparison.Ordinal)));
}
