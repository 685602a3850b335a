namespace PauseResume.Conformance.Concurrency;

/// <summary>
/// One operation of one agent on one couple, with the moments it was sent and answered (since the run started) and
/// what it saw. <see cref="Completed"/> is null when no answer came: the operation may have taken effect at any
/// moment after <see cref="Invoked"/>, or never.
/// </summary>
internal sealed record Operation(
    int Id,
    int Agent,
    string Login,
    long Couple,
    OperationKind Kind,
    TimeSpan Invoked,
    TimeSpan? Completed,
    OperationOutcome Outcome,
    bool? Seen = null,
    int? Status = null)
{
    /// <summary>What met a request without an answer (a fault's kind: <c>503</c>, <c>429</c>, <c>cut</c>, <c>timeout</c>); null otherwise.</summary>
    public string? Fault { get; init; }

    /// <summary>The server or a gateway refused it as unavailable or over its rate (502, 503, 504, 429): busy, not broken.</summary>
    public bool Unavailable => Fault is "502" or "503" or "504" or "429";

    /// <summary>The paused state a pause or resume writes; null for a read.</summary>
    public bool? Writes => Kind switch
    {
        OperationKind.Pause => true,
        OperationKind.Resume => false,
        _ => null,
    };

    public string Describe() => Kind switch
    {
        OperationKind.Read => Outcome switch
        {
            OperationOutcome.Done => $"read paused={(Seen == true ? "true" : "false")}",
            OperationOutcome.Unreadable => "read (no paused element)",
            _ => "read (no answer)",
        },
        _ => $"{(Kind == OperationKind.Pause ? "pause" : "resume")}{Outcome switch { OperationOutcome.Done => string.Empty, OperationOutcome.Unknown => " (no answer: may or may not have taken effect)", _ => " (refused)" }}",
    };
}
