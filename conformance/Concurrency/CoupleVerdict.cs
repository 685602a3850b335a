namespace PauseResume.Conformance.Concurrency;

/// <summary>
/// What one couple's history shows. <see cref="Window"/>: no order consistent with real time explains the reads
/// (GEN-3, inferred: the vendor says nothing of concurrent sessions). <see cref="NotSettled"/>: after every agent
/// stopped, the couple shows a state that no pause or resume that could have come last wrote, so a pause or resume
/// answered as taken was lost (PSE-1, documented). <see cref="RecordMismatch"/>: the simulator's own pause history
/// cannot be matched with what the agents saw. <see cref="Lag"/>: that state showed, but only when the couple was read
/// again (details lag: PSE-1 does not say how soon the details show a pause, so it is no break). --settle is the lag a
/// run allows: a lag within it passes with a word (<see cref="LagWithinSettle"/>, <see cref="WindowWithinSettle"/>), a
/// longer one is a difference.
/// </summary>
internal sealed record CoupleVerdict(long Couple, bool Shared, int Operations, int Unknown, Window? Window, string? NotSettled, string? RecordMismatch)
{
    /// <summary>
    /// Set where the couple's own history shows a write lost or no order, and the history of every couple of its call in
    /// the run, taken as one state, explains it: the recorder pauses and resumes the whole call (PSE-1 says a pause holds
    /// the recording "of that call"; whether the other couples of the call follow is not documented), a difference.
    /// </summary>
    public string? ByCall { get; init; }

    /// <summary>With <see cref="ByCall"/>: the recorder pauses the whole call (true), or the couple alone where the profile said the call.</summary>
    public bool WholeCall { get; init; } = true;

    /// <summary>
    /// Why the couple's history could not be checked (its reads show no state, or its order could not be searched); null
    /// when it was checked. <see cref="NotSettled"/> is judged without a search and may still be set beside it.
    /// </summary>
    public string? NotChecked { get; init; }

    /// <summary>
    /// No order explains its reads at once, and details up to --settle late would, longer than the run measured: the
    /// window is not judged either way (<see cref="NotChecked"/> says why), though its call's history may still explain it.
    /// </summary>
    public bool WindowUnjudged { get; init; }

    /// <summary>How the final read showed the state a last pause or resume wrote only late; null when it showed it at once or never.</summary>
    public string? Lag { get; init; }

    /// <summary>
    /// Set when every read of the history is explained if the details may show a state up to this long before the read
    /// was sent (the settle time): the <see cref="Window"/> is then what details that lag look like, still a difference.
    /// </summary>
    public TimeSpan? LagExplainsWindow { get; init; }

    /// <summary>The <see cref="Lag"/> came within --settle of the read after the agents stopped.</summary>
    public bool LagWithinSettle { get; init; }

    /// <summary>Every read of the history is explained if the details may show a state up to --settle before the read was sent.</summary>
    public bool WindowWithinSettle { get; init; }

    /// <summary>
    /// Nothing wrong was found, which for a couple <see cref="NotChecked"/> says nothing about it. Details that lag
    /// within --settle are nothing wrong (<see cref="Lagged"/> says they did).
    /// </summary>
    public bool Passed => (Window is null || WindowWithinSettle) && NotSettled is null && RecordMismatch is null && (Lag is null || LagWithinSettle) && ByCall is null;

    /// <summary>Checked, and passed only with details that lag within --settle.</summary>
    public bool Lagged => Passed && Checked && (Window is not null || Lag is not null);

    public bool Checked => NotChecked is null;

    /// <summary>A couple whose linearizability the run could not judge, and why.</summary>
    public static CoupleVerdict Unchecked(long couple, bool shared, int operations, int unknown, string why) =>
        new(couple, shared, operations, unknown, null, null, null) { NotChecked = why };
}
