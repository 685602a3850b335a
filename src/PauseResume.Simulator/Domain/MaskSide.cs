namespace PauseResume.Simulator.Domain;

/// <summary>
/// Which of a couple's numbers a user's phone masks are matched against (the access rules say the calling or the called
/// number; a recorder that filters by one side alone is as plausible, so it is inferred).
/// </summary>
public enum MaskSide
{
    /// <summary>The calling or the called number.</summary>
    Either,

    /// <summary>The calling number alone.</summary>
    Calling,

    /// <summary>The called number alone.</summary>
    Called,
}
