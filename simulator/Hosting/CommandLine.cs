using System.Globalization;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Json;
using PauseResume.Simulator.Worlds;

namespace PauseResume.Simulator.Hosting;

/// <summary>The standalone simulator's command line; every mistake gets a message that says what is accepted.</summary>
/// <param name="BeyondLoopback">Some address of <see cref="Urls"/> reaches beyond this machine (allowed only with a control token, --no-control or --allow-remote).</param>
public sealed record CommandLine(string Urls, World World, ControlOptions Control, string WorldSource, bool BeyondLoopback = false)
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>The faults switched on from the start: the world file's, then each <c>--fault</c>'s.</summary>
    public IReadOnlyList<Faults.Fault> Faults { get; init; } = [];

    public const string Usage = """
        Usage: dotnet run --project simulator -- [options]
          --urls URL[;URL]        where to listen (default http://127.0.0.1:8080; port 0 picks a free one)
          --world PATH            a world file (JSON: seed, profile, users, calls) instead of the default world
          --seed N                seed of the default world's generated calls (default 8100)
          --profile NAME          behaviour profile: default or jaxrs-lenient
          --profile-file PATH     a behaviour profile file (JSON object: name and settings)
          --set SETTING=VALUE     override one profile setting (repeatable):
                                  pausedParameter=strict|jaxrs-lenient, invalidDirectionStatus=4xx,
                                  sessionIdleTimeout=MINUTES|hh:mm:ss,
                                  directionWithoutValue=checked|ignored,
                                  refusalOrder=call-list-first|couple-first|rights-first,
                                  badParameterOrder=after-access|after-login|before-login,
                                  loginParameters=form|form-and-query, pausedStateGetStatus=4xx,
                                  unknownPathStatus=4xx, methodNotAllowedStatus=4xx,
                                  jvmRoute=NAME, loginSessionId=fresh|kept,
                                  failedLoginSession=logged-out|unchanged, maxActiveSessions=N
          --fault KIND[,key=value]…  switch a fault on for the legacy API (repeatable); KIND is latency, status,
                                  abort, truncate, restart or maintenance; keys: name, path (glob), rule, user,
                                  probability, seed, latencyMs, jitterMs, status, durationSeconds, body (last)
          --no-control            do not serve the /simulator control API
          --control-token TOKEN   serve the control API only to requests carrying X-Simulator-Token: TOKEN
          --allow-remote          listen beyond loopback even though the control API has no token
                                  (anyone who can reach the simulator can then reset it)
          --help                  show this text
        """;

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> set on bad usage (and for --help, with no error).</summary>
    public static CommandLine? Parse(IReadOnlyList<string> args, DateTimeOffset now, out string? error)
    {
        error = null;
        var urls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultUrls;
        var urlsSource = urls == DefaultUrls ? "--urls" : "ASPNETCORE_URLS";
        string? worldPath = null, profileName = null, profilePath = null, token = null;
        var seed = DefaultWorld.DefaultSeed;
        var control = true;
        var allowRemote = false;
        var settings = new List<string>();
        var faults = new List<Faults.Fault>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new UsageException($"{arg} needs a value");
            try
            {
                switch (arg)
                {
                    case "--urls": urls = Value(); urlsSource = "--urls"; break;
                    case "--world": worldPath = Value(); break;
                    case "--seed":
                        seed = int.TryParse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s)
                            ? s : throw new UsageException($"--seed needs a whole number, not '{args[i]}'");
                        break;
                    case "--profile": profileName = Value(); break;
                    case "--profile-file": profilePath = Value(); break;
                    case "--set": settings.Add(Value()); break;
                    case "--fault": faults.Add(FaultJson.Parse(Value()) is { Error: null } f ? f.Value! : throw new UsageException(FaultJson.Parse(args[i]).Error!)); break;
                    case "--no-control": control = false; break;
                    case "--control-token": token = Value(); break;
                    case "--allow-remote": allowRemote = true; break;
                    case "--help" or "-h": return null;
                    default: throw new UsageException($"unknown option '{arg}'");
                }
            }
            catch (UsageException e)
            {
                error = e.Message;
                return null;
            }
        }

        error = ListenAddresses.Check(urls, urlsSource, out var beyondLoopback);
        if (error is null && beyondLoopback && control && token is null && !allowRemote)
        {
            error = $"{urlsSource} {urls} listens beyond this machine, and the control API has no token: anyone who can reach it could "
                    + "reset the simulator or read its log; give --control-token TOKEN, --no-control, or --allow-remote to accept that";
        }

        if (error is not null)
        {
            return null;
        }

        var world = worldPath is null ? Checked<World>.Ok(DefaultWorld.Create(now, seed)) : ReadFile(worldPath, WorldJson.Read);
        var profile = world.Value?.Profile;
        error = world.Error;
        if (error is null && profileName is not null)
        {
            profile = RecorderProfile.TryNamed(profileName, out var named) ? named
                : Fail(ref error, $"unknown profile '{profileName}'; built-in profiles: {string.Join(", ", RecorderProfile.BuiltIn.Select(p => p.Name))}");
        }

        if (error is null && profilePath is not null)
        {
            var fromFile = ReadFile(profilePath, (text, source) => ReadProfile(text, source, profile!));
            profile = fromFile.Value ?? Fail(ref error, fromFile.Error!);
        }

        foreach (var setting in error is null ? settings : [])
        {
            var parts = setting.Split('=', 2);
            var change = parts.Length == 2 ? profile!.With(parts[0], parts[1]) : new ProfileChange(null, $"--set needs SETTING=VALUE, not '{setting}'");
            profile = change.Profile ?? Fail(ref error, change.Error!);
            if (error is not null)
            {
                break;
            }
        }

        var faultsFromFile = error is null && worldPath is not null ? ReadFile(worldPath, WorldJson.ReadFaults) : Checked<IReadOnlyList<Faults.Fault>>.Ok([]);
        IReadOnlyList<Faults.Fault> allFaults = [.. faultsFromFile.Value ?? [], .. faults];
        error ??= faultsFromFile.Error ?? allFaults.GroupBy(f => f.Name).Where(g => g.Count() > 1).Select(g => $"two faults are named {g.Key}; give each a name=").FirstOrDefault();
        return error is null
            ? new CommandLine(urls, world.Value! with { Profile = profile! }, new ControlOptions(control, token), worldPath ?? $"default world (seed {seed})", beyondLoopback) { Faults = allFaults }
            : null;
    }

    private static RecorderProfile Fail(ref string? error, string message)
    {
        error = message;
        return RecorderProfile.Default;
    }

    private static Checked<T> ReadFile<T>(string path, Func<string, string, Checked<T>> read)
        where T : class
    {
        try
        {
            return read(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Checked<T>.Fail($"{path}: cannot be read: {e.Message}");
        }
    }

    private static Checked<RecorderProfile> ReadProfile(string text, string source, RecorderProfile current)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            var profile = ProfileJson.Read(document.RootElement.Clone(), current);
            return profile.Error is null ? profile : Checked<RecorderProfile>.Fail($"{source}: {profile.Error}");
        }
        catch (System.Text.Json.JsonException e)
        {
            return Checked<RecorderProfile>.Fail($"{source}: not valid JSON: {e.Message}");
        }
    }

    private sealed class UsageException(string message) : Exception(message);
}
