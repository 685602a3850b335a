using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Worlds;

namespace PauseResume.Simulator.Hosting;

/// <summary>What the standalone simulator prints once it listens: where, on which world, and the accounts to log in with.</summary>
internal static class Banner
{
    public static void Print(TextWriter output, IReadOnlyList<string> urls, CommandLine options, Recorder recorder)
    {
        foreach (var url in urls)
        {
            output.WriteLine($"PauseResume simulator listening on {url}");
        }

        var profile = recorder.Profile;
        output.WriteLine($"World: {options.WorldSource}; {recorder.Couples().Count} couple(s) in progress; profile '{profile.Name}' "
                         + $"({string.Join(", ", profile.Settings().Select(s => $"{s.Key}={s.Value}"))})");
        output.WriteLine("Accounts:");
        foreach (var user in recorder.Users())
        {
            var password = DefaultWorld.Users.Contains(user) ? $" / {user.Password}" : string.Empty;
            output.WriteLine($"  {user.Login}{password}: {DefaultWorld.Describe(user)}");
        }

        output.WriteLine(options.Control.Enabled
            ? $"Control API: {(urls.Count > 0 ? urls[0] : string.Empty)}/simulator (calls, users, reset, profile, log){(options.Control.Token is null ? string.Empty : "; token required")}"
            : "Control API: off");
        output.WriteLine("Press Ctrl+C to stop.");
        output.Flush();
    }
}
