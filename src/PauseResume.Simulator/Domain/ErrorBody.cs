namespace PauseResume.Simulator.Domain;

/// <summary>
/// What a refusal's body holds (PSE-2 says a bad <c>paused</c> is refused "with a message", which is inferred: a JAX-RS
/// resource that throws a <c>WebApplicationException</c> with only a status answers with no body at all).
/// </summary>
public enum ErrorBody
{
    /// <summary>One line of plain text that says what was refused and names the rule.</summary>
    Message,

    /// <summary>No body: the status alone.</summary>
    Empty,
}
