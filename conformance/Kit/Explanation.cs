using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;

namespace PauseResume.Conformance.Kit;

/// <summary>
/// What <see cref="Diagnosis"/> found for a failure: the profile under which its scenario passes and the settings that
/// changed for it (none: no setting describes it), and whether that profile fits every failure explained before.
/// </summary>
internal sealed record Explanation(KitProfile? Profile, IReadOnlyList<SettingChange> Changes, bool FitsAll)
{
    public static Explanation None { get; } = new(null, [], false);

    /// <summary>
    /// Other values, each in place of the last of <see cref="Changes"/>, that fit just as well: the run could not tell
    /// them apart, so the report names them all and the run goes on with the first.
    /// </summary>
    public IReadOnlyList<SettingChange> Alternatives { get; init; } = [];

    /// <summary>
    /// A replay under <see cref="Profile"/> that got past the failed check and met a difference no setting names (the list's
    /// media type), let pass for the value to be found: the run reports it as a difference of its own.
    /// </summary>
    public RunOutcome? Aside { get; init; }

    /// <summary>The failure no longer comes back under the profile it failed against: the server changed while the kit looked.</summary>
    public bool Vanished { get; init; }
}
