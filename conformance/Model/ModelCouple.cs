namespace PauseResume.Conformance.Model;

/// <summary>A couple as the model knows it. On a real recorder the numbers may be unknown (null access then is unknown).</summary>
internal sealed record ModelCouple(long Id, long CallId, string CallingNumber, string CalledNumber, string? CallingIp, string? CalledIp, bool Paused, bool Ended)
{
    /// <summary>The direction the target gave the couple (control API), or null where the kit cannot know it.</summary>
    public string? Direction { get; init; }

    /// <summary>The couple's start as the target gave it (control API), or null where the kit cannot know it.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>
    /// The couple was taken for ended on an answer that is also a refusal of it (see
    /// <see cref="Commands.CoupleAccess.TakenForEnded"/>): an answer that shows it in progress takes the end back.
    /// </summary>
    public bool EndUnproven { get; init; }

    /// <summary>
    /// What the couple would show under the other pauseScope (PSE-1's reach is inferred), where that differs from
    /// <see cref="Paused"/>: a pause of another couple of its call reaches it there and not here, or the other way round.
    /// Null: the same under both. A difference that this explains is the setting's, never a broken PSE-1.
    /// </summary>
    public bool? OtherScopePaused { get; init; }

    /// <summary>
    /// On a real recorder: the kit saw this couple's call change, or the call of a couple it shared a call with, since it
    /// last knew the couple's state. A conference or a transfer joins calls whenever it happens, and the kit cannot tell
    /// which of its pauses came before it: under pauseScope=call a pause of a couple of either call may have reached this
    /// one or not. A state its details show that the model's does not follow is taken, not judged; one shown as the model
    /// has it leaves the doubt (a late read shows a state from before), until the kit pauses or resumes the couple, or
    /// under pauseScope=call a leg of its call (see <see cref="ModelState.Moved(long, long)"/>).
    /// </summary>
    public bool StateUnsure { get; init; }

    public bool Known => CallingNumber.Length > 0 || CalledNumber.Length > 0;
}
