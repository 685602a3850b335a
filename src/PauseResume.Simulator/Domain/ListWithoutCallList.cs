namespace PauseResume.Simulator.Domain;

/// <summary>
/// What a logged-in user without the Call List permission gets for the list (LST-7 is inferred: a recorder may filter
/// the couples by what the user may see instead of refusing).
/// </summary>
public enum ListWithoutCallList
{
    /// <summary>403, a refusal.</summary>
    Refused,

    /// <summary>200 with a list that holds no couple.</summary>
    Empty,
}
