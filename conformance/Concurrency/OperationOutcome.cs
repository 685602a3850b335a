namespace PauseResume.Conformance.Concurrency;

/// <summary>How an operation ended, as far as the agent can tell.</summary>
internal enum OperationOutcome
{
    /// <summary>Answered with success: a pause or resume was taken (PSE-1), a read saw the couple's paused state.</summary>
    Done,

    /// <summary>Answered with a refusal (4xx): nothing changed (PSE-4), so the operation is left out of the history.</summary>
    Refused,

    /// <summary>No answer (a timeout, a dropped connection) or a 5xx: a pause or resume may or may not have taken effect.</summary>
    Unknown,

    /// <summary>
    /// A read answered with success whose details show no <c>paused</c> element with true or false (its name is our
    /// inference): the answer says nothing of the couple's state, so its history cannot be checked.
    /// </summary>
    Unreadable,
}
