namespace PauseResume.Conformance.Commands;

internal enum PasswordKind
{
    Right,
    Wrong,
    Missing,
}
