namespace PauseResume.Simulator.Domain;

/// <summary>
/// The order in which details and pausedState requests are refused (DET-3, PSE-4); the login check always comes first.
/// </summary>
public enum RefusalOrder
{
    /// <summary>Call List (403), couple in progress (404), phone masks (403), pause right (403).</summary>
    CallListFirst,

    /// <summary>Couple in progress (404), Call List (403), phone masks (403), pause right (403).</summary>
    CoupleFirst,

    /// <summary>Call List (403), pause right (403, pausedState only), couple in progress (404), phone masks (403).</summary>
    RightsFirst,

    /// <summary>
    /// Call List (403), phone masks (403: matched against the couples in progress, so a user with masks is refused a couple
    /// that is unknown or has ended too), couple in progress (404), pause right (403).
    /// </summary>
    MasksFirst,

    /// <summary>
    /// Call List (403), pause right (403, pausedState only), phone masks (403, matched against the couples in progress as
    /// under <see cref="MasksFirst"/>), couple in progress (404): every check of the user before the couple is looked up.
    /// </summary>
    RightsAndMasksFirst,
}
