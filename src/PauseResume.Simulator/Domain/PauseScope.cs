namespace PauseResume.Simulator.Domain;

/// <summary>
/// Which couples a pause or resume reaches (PSE-1 says it pauses "the recording of that call"; a call with a transfer or
/// a conference has several couples, and which of them a pause of one reaches is not documented).
/// </summary>
public enum PauseScope
{
    /// <summary>The couple the request names, and no other.</summary>
    Couple,

    /// <summary>
    /// Every couple in progress of the named couple's call. Whether the request changed anything, and so its answer
    /// (unchangedPauseStatus), is judged by the named couple; one that is refused changes none.
    /// </summary>
    Call,
}
