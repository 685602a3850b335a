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

    /// <summary>
    /// <c>paused=true</c> in the form body and in the query string alike, as a client unsure where a recorder reads it
    /// sends it: one value wherever it is read, unless the recorder refuses any repetition (repeatedPaused=refused-any).
    /// </summary>
    TrueEverywhere,
}
