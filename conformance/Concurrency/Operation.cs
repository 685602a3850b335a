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

    /// <summary>
    /// What an answer (null: none came, or a fault met it) makes of an operation: a 5xx or none is unknown (it may or may
    /// not have taken effect), another status not 2xx refused, a read whose details show no <c>paused</c> unreadable (the
    /// details' element names are our inference: DET-1 documents an XML document only), any other done.
    /// </summary>
    public static Operation Of(int id, int agent, string login, long couple, OperationKind kind, TimeSpan invoked, TimeSpan completed, Wire.Exchange? answer, string? fault = null)
    {
        if (answer is null || answer.Status >= 500)
        {
            return new Operation(id, agent, login, couple, kind, invoked, null, OperationOutcome.Unknown, Status: answer?.Status) { Fault = fault };
        }

        if (answer.Status is < 200 or >= 300)
        {
            return new Operation(id, agent, login, couple, kind, invoked, completed, OperationOutcome.Refused, Status: answer.Status);
        }

        var seen = kind == OperationKind.Read ? Wire.Documents.Of(answer.Body)?.Paused : null;
        return kind == OperationKind.Read && seen is not ("true" or "false")
            ? new Operation(id, agent, login, couple, kind, invoked, completed, OperationOutcome.Unreadable, Status: answer.Status)
            : new Operation(id, agent, login, couple, kind, invoked, completed, OperationOutcome.Done, seen is null ? null : seen == "true", answer.Status);
    }

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
