namespace PauseResume.Client;

/// <summary>What a hold or unhold did: the couples it changed and those that already were in that state.</summary>
public sealed record HoldResult(IReadOnlyList<long> Changed, IReadOnlyList<long> AlreadyInState)
{
    /// <summary>
    /// The calls (<c>callId</c>) of the couples the query listed, in the order first listed: more than one where the
    /// number or IP is in several calls at once (a gateway's IP, an agent on a consultation call), and the hold reached
    /// each of them.
    /// </summary>
    public IReadOnlyList<long> Calls { get; init; } = [];

    /// <summary>
    /// Couples found that ended before they could be read or changed (refused, and no longer listed): they need no hold.
    /// </summary>
    public IReadOnlyList<long> Ended { get; init; } = [];
}
