namespace PauseResume.Simulator.Domain;

/// <summary>
/// How a pause of a couple in progress that the details refuse or hide from the user is refused (PSE-4; the status is
/// inferred): one outside the user's phone masks, or any couple to a user without Call List.
/// </summary>
public enum OutsidePause
{
    /// <summary>With the details' status for it (outsideAccessStatus; withoutCallListStatus).</summary>
    AsDetails,

    /// <summary>With 403, whatever the details answer: a recorder that hides the details and checks the pause right by itself.</summary>
    Refused,
}
