namespace PauseResume.Conformance.Commands;

/// <summary>What a pause/resume request says: the two good forms and the mistakes PSE-2 is about.</summary>
internal enum PausedValue
{
    True,
    False,
    TypoTrue,
    Missing,
    Garbage,
}
