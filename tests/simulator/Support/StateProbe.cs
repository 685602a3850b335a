using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Tests.Support;

/// <summary>Everything a request could change but a session: couples with their histories, users and the profile.</summary>
internal static class StateProbe
{
    public static string Of(Recorder recorder) =>
        string.Join("\n", recorder.Couples(includeEnded: true).Select(c => $"{c.Couple} ended={c.EndedAt} history=[{string.Join(";", c.History)}]"))
        + "\n" + string.Join("\n", recorder.Users().Select(u => $"{u.Login}:{u.Password}:{u.Permissions}:{string.Join("|", u.PhoneMasks)}"))
        + "\n" + recorder.Profile;
}
