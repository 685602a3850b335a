namespace PauseResume.Simulator.Domain;

/// <summary>
/// What a user's phone masks are matched against (LST-5 says a user "may see that call's details"; which numbers the
/// masks apply to is inferred).
/// </summary>
public enum MaskScope
{
    /// <summary>Each couple's own calling and called number.</summary>
    Couple,

    /// <summary>The numbers of every couple in progress of its call: a user who may see one couple of a call sees them all.</summary>
    Call,
}
