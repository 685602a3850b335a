namespace PauseResume.Conformance.Commands;

internal enum ValueKind
{
    None,
    Known,
    Nonexistent,
    Prefix,

    /// <summary>A value an ended couple carried: the couples in progress that share it must still be listed, the ended one never (LST-3, LST-7).</summary>
    OfEnded,
}
