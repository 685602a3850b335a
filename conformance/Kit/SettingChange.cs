namespace PauseResume.Conformance.Kit;

/// <summary>A profile setting whose value the server's answers contradict, and the value they match.</summary>
internal sealed record SettingChange(string Setting, string ProfileValue, string ServerValue)
{
    public override string ToString() => $"{Setting}={ServerValue} (profile: {ProfileValue})";
}
