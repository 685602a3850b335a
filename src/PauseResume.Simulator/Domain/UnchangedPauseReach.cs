namespace PauseResume.Simulator.Domain;

/// <summary>
/// Under pauseScope=call, which other couples of the call a pause or resume reaches when it changes nothing on the couple
/// it names (PSE-3: that couple already holds the state asked). Only a leg that joined the call since holds another state,
/// and no rule says whether such a request reaches it: a recorder that answers for the couple named first changes
/// nothing, one that goes through the call's legs changes them all, even where it refuses the named one.
/// </summary>
public enum UnchangedPauseReach
{
    /// <summary>Every other leg where the request is answered as a success (unchangedPauseStatus 2xx); none where it is refused.</summary>
    Success,

    /// <summary>Every other leg in progress of the call, answered as a success or refused.</summary>
    Call,

    /// <summary>None: the named couple alone decides, and it changes nothing.</summary>
    Named,
}
