namespace PauseResume.Client;

/// <summary>Which couples a hold or unhold changes (PSE-1: a call is one or more couples, each paused by its own link).</summary>
public enum HoldReach
{
    /// <summary>
    /// The couples the query lists: by the agent's own number or desk IP, every leg the agent is on. A leg of the call
    /// without it (after a transfer, say) keeps recording on a recorder whose pause reaches one couple. The default.
    /// </summary>
    Listed,

    /// <summary>
    /// Every couple of every call the query lists a couple of: the couples of the user's unfiltered list that share a
    /// <c>callId</c> with one it lists (one list more). A leg this user may not pause refuses the whole hold, and a leg
    /// its list leaves out (on a recorder that omits couples outside the user's phone masks) is not seen.
    /// </summary>
    WholeCall,
}
