namespace PauseResume.Simulator.Domain;

/// <summary>
/// Whether a user's list holds the couples outside the user's phone masks (LST-5 documents only that such a couple
/// carries no self link; that it is listed at all is inferred).
/// </summary>
public enum UnseenCouples
{
    /// <summary>Listed, without a self link.</summary>
    Listed,

    /// <summary>Left out of the list: a user lists only the couples they may see.</summary>
    Omitted,
}
