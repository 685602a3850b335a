namespace PauseResume.Conformance.Commands;

internal enum ValueKind
{
    None,
    Known,
    Nonexistent,

    /// <summary>
    /// A start (less its last character) or a middle part (less its first and last) of a known value: exact matching lists
    /// none (LST-6); a recorder that matches a start or any part (filterMatch) lists more.
    /// </summary>
    Fragment,

    /// <summary>A value an ended couple carried: the couples in progress that share it must still be listed, the ended one never (LST-3, LST-7).</summary>
    OfEnded,
}
