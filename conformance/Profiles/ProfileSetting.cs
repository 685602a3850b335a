namespace PauseResume.Conformance.Profiles;

/// <summary>
/// One named choice where the API reference is silent: its rules, its default, how a value is read, and the values
/// worth trying when a server answers otherwise than the profile predicts.
/// </summary>
/// <param name="Guessed">Whether a diagnosis tries its values (<see cref="Kit.Diagnosis"/>); one that is not is only
/// measured by the probe and read from a profile.</param>
internal sealed record ProfileSetting(
    string Name,
    string Rules,
    string Default,
    string Accepted,
    Func<string, string?> Normalize,
    IReadOnlyList<string> Candidates,
    bool Modelled = true,
    bool StatusValued = false,
    bool Guessed = true)
{
    /// <summary>Values a diagnosis never tries, though the probe may measure them (a 400 that is as often a strict refusal).</summary>
    public IReadOnlyList<string> MeasuredOnly { get; init; } = [];

    /// <summary>
    /// For a setting that is not <see cref="Guessed"/>: a diagnosis tries its values after all, but only for a failure of one
    /// of its rules that no guessed value explains (a pause granted by an account's masks, through another leg of the call),
    /// so it costs no replays where a guessed value fits, and an explanation the run would not otherwise find is not left
    /// for a later failure to be blamed on another setting.
    /// </summary>
    public bool LastResort { get; init; }

    /// <summary>Measured on a couple that ends during the probe: one the probe ends on a simulator, one that ends on its own on a real recorder.</summary>
    public bool NeedsAnEndedCall { get; init; }

    public override string ToString() => Name;
}
