namespace PauseResume.Simulator.Domain;

/// <summary>How a pause of a couple in progress outside the user's phone masks is refused (PSE-4; the status is inferred).</summary>
public enum OutsidePause
{
    /// <summary>With the details' status for it (outsideAccessStatus).</summary>
    AsDetails,

    /// <summary>With 403, whatever the details answer: a recorder that hides the details and checks the pause right by itself.</summary>
    Refused,
}
