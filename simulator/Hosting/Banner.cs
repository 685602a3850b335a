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

        if (options.BeyondLoopback)
        {
            output.WriteLine("Warning: listening beyond this machine; "
                             + (!options.Control.Enabled ? "the control API is off"
                                : options.Control.Token is null ? "the control API needs no token (--allow-remote): anyone who can reach it can reset the simulator"
                                : "the control API needs its token")
                             + "; passwords are not shown");
        }

        var profile = recorder.Profile;
        // A world file's texts (its path, its profile's name, its logins) are the file's author's: escaped, so none can
        // drive the operator's terminal.
        output.WriteLine($"World: {Http.ClientText.Escaped(options.WorldSource)}; {recorder.CouplesInProgress} couple(s) in progress; profile '{Http.ClientText.Escaped(Http.ClientText.Cut(profile.Name, 100))}' "
                         + $"({string.Join(", ", profile.Settings().Select(s => $"{s.Key}={s.Value}"))})");
        output.WriteLine($"Clock: {(options.World.Clock ?? Time.ClockSetting.Real) switch { { Mode: Time.ClockMode.Scaled } c => $"scaled x{c.Scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}", var c => c.ModeName }}; "
                         + (options.World.Traffic is { Running: true } traffic
                             ? FormattableString.Invariant($"traffic: {traffic.RatePerHour} calls/hour from seed {traffic.Seed}")
                             : "traffic: off"));
        output.WriteLine("Accounts:");
        foreach (var user in recorder.Users())
        {
            // Only the default world's passwords, which the README prints anyway, and only to someone on this machine.
            var password = DefaultWorld.Users.Contains(user) && !options.BeyondLoopback ? $" / {user.Password}" : string.Empty;
            output.WriteLine($"  {Http.ClientText.Escaped(user.Login)}{password}: {DefaultWorld.Describe(user)}");
        }

        output.WriteLine(options.Control.Enabled
            ? $"Control API: {(urls.Count > 0 ? urls[0] : string.Empty)}/simulator (calls, users, reset, profile, log, audit, faults, clock, traffic){(options.Control.Token is null ? string.Empty : "; token required")}"
            : "Control API: off");
        if (options.Control.Enabled && urls.Count > 0)
        {
            // The page takes the token once in its address (then a cookie); the banner never prints the token itself.
            output.WriteLine($"Dashboard: {urls[0]}/simulator/ui{(options.Control.Token is null ? string.Empty : "?token=TOKEN")}");
        }

        output.WriteLine("Press Ctrl+C to stop.");
        output.Flush();
    }
}
