namespace PauseResume.Conformance.Commands;

/// <summary>What a pause/resume request says: the two good forms and the mistakes PSE-2 is about.</summary>
internal enum PausedValue
{
    True,
    False,
    TypoTrue,
    Missing,
    Garbage,

    /// <summary><c>paused=true&amp;paused=false</c>: strict refuses it; a Java server reads the first value.</summary>
    Conflicting,
}
