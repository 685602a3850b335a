namespace PauseResume.Conformance.Profiles;

/// <summary>
/// One named choice where the API reference is silent: its rules, its default, how a value is read, and the values
/// worth trying when a server answers otherwise than the profile predicts.
/// </summary>
internal sealed record ProfileSetting(
    string Name,
    string Rules,
    string Default,
    string Accepted,
    Func<string, string?> Normalize,
    IReadOnlyList<string> Candidates,
    bool Modelled = true,
    bool StatusValued = false)
{
    public override string ToString() => Name;
}
