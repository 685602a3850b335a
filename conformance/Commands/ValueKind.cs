namespace PauseResume.Conformance.Commands;

internal enum ValueKind
{
    None,
    Known,
    Nonexistent,
    Prefix,
}
