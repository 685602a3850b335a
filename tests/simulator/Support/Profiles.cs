using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Tests.Support;

/// <summary>The default profile with settings changed through <see cref="RecorderProfile.With"/>, as every entry point does.</summary>
internal static class Profiles
{
    /// <param name="settings">Each <c>setting=value</c>; none gives the default profile.</param>
    public static RecorderProfile With(params string?[] settings)
    {
        var profile = RecorderProfile.Default;
        foreach (var setting in settings.OfType<string>())
        {
            var parts = setting.Split('=', 2);
            var change = profile.With(parts[0], parts[1]);
            change.Error.ShouldBeNull(setting);
            profile = change.Profile!;
        }

        return profile;
    }
}
