namespace PauseResume.Conformance.Concurrency;

/// <summary>What an agent asked of a couple: to pause it, to resume it, or to read its details.</summary>
internal enum OperationKind
{
    Pause,
    Resume,
    Read,
}
