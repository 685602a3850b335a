namespace PauseResume.Conformance.Commands;

/// <summary>What a login form carries: the right or a wrong password, a field missing, or every field twice.</summary>
internal enum PasswordKind
{
    Right,
    Wrong,
    Missing,

    /// <summary>A password but no <c>login</c> field: a failed login like any other (SES-3), never a 5xx (GEN-3).</summary>
    NoLogin,

    /// <summary>The right login and password, each field sent twice with the same value.</summary>
    Repeated,
}
