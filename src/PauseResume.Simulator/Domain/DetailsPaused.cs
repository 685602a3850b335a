namespace PauseResume.Simulator.Domain;

/// <summary>
/// Whom the details show the <c>&lt;paused&gt;</c> state to (DET-3: the details document and its element names are
/// inferred; a recorder may well leave the state out for a user who may not change it).
/// </summary>
public enum DetailsPaused
{
    /// <summary>Every user who may see the details.</summary>
    Always,

    /// <summary>Only a user the details give the pausedState link to (DET-2): one who may pause the couple.</summary>
    WithLink,
}
