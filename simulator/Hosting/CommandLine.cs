using System.CommandLine;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Faults;
using PauseResume.Simulator.Json;
using PauseResume.Simulator.Time;
using PauseResume.Simulator.Traffic;
using PauseResume.Simulator.Worlds;
using static PauseResume.Simulator.Hosting.OptionKinds;

namespace PauseResume.Simulator.Hosting;

/// <summary>
/// The standalone simulator's command line, on System.CommandLine; every mistake gets a message that says what is
/// accepted. <see cref="Read"/> is the one place its options are declared.
/// </summary>
/// <param name="BeyondLoopback">Some address of <see cref="Urls"/> reaches beyond this machine (allowed only with a control token, --no-control or --allow-remote).</param>
public sealed record CommandLine(string Urls, World World, ControlOptions Control, string WorldSource, bool BeyondLoopback = false)
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>The faults switched on from the start: the world file's, then each <c>--fault</c>'s.</summary>
    public IReadOnlyList<Fault> Faults { get; init; } = [];

    public const string Description = """
        A simulator of the Pause/Resume API of the Genesys Quality Management 8.1 (ZOOM CallREC) recorder.
        Exit codes: 0 stopped (Ctrl+C, SIGTERM) or help shown; 2 bad usage, or it cannot listen.
        """;

    private const string SetDescription = """
        override one profile setting (repeatable, in order: the last for a setting counts):
          pausedParameter=strict|jaxrs-lenient|spring,
          pausedLocation=form-and-query|form|query|post-form-and-query,
          repeatedPaused=refused|first|last|refused-any|joined,
          invalidDirectionStatus=4xx,
          sessionIdleTimeout=MINUTES|hh:mm:ss,
          directionWithoutValue=checked|ignored, unseenCouples=listed|omitted,
          refusalOrder=call-list-first|couple-first|rights-first|masks-first|
            rights-and-masks-first,
          badDirectionOrder=after-access|after-login|before-login,
          badPausedOrder=after-access|after-login|before-couple|before-login,
          loginParameters=form|form-and-query, pausedStateGetStatus=4xx,
          unknownPathStatus=4xx, methodNotAllowedStatus=4xx,
          pauseStatus=204|200|202, unchangedPauseStatus=204|200|202|4xx,
          endedCoupleStatus=404|410|204,
          unknownCoupleStatus=404|410|204, outsideAccessStatus=403|404,
          outsidePauseStatus=as-details|403, withoutCallListStatus=403|404,
          linkOrigin=request|relative|http://HOST[:PORT], jvmRoute=NAME,
          loginSessionId=fresh|kept|on-success,
          failedLoginSession=logged-out|unchanged,
          successfulLoginSession=replaced|unchanged, maxActiveSessions=N,
          sessionsPerUser=many|one|first-wins, pathCase=exact|any,
          headMethod=as-get|not-allowed, formlessPost=read|refused,
          loginPage=fixed|token|redirect, logoutSessionId=fresh|none,
          logoutSession=ended|logged-out|logged-out-new-id,
          directionCase=exact|any, sessionCookie=http-only|plain,
          documentMediaType=application/xml|text/xml, logoutPage=login|own,
          filterMatch=exact|prefix|part, filterJoin=and|or,
          filterScope=couple|call,
          emptyDirection=invalid|none, pauseScope=couple|call,
          unchangedPauseReach=success|call|named,
          detailsPaused=always|with-link, errorBody=message|empty,
          listWithoutCallList=refused|empty, maskScope=couple|call,
          endedCoupleDetails=status|served, maskSide=either|calling|called,
          anonymousSession=none|any-request|refusals,
          badMethodOrder=before-login|after-login, redirectStatus=302|303|307,
          unknownPathOrder=before-login|after-login
        """;

    private const string FaultDescription = """
        switch a fault on for the legacy API (repeatable): KIND is latency, status,
        abort, truncate, restart or maintenance; keys: name, path (glob), rule, user,
        probability, seed, latencyMs, jitterMs, status, durationSeconds, body (last)
        """;

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> set on bad usage (and for --help, with no error).</summary>
    public static CommandLine? Parse(IReadOnlyList<string> args, DateTimeOffset now, out string? error)
    {
        var read = Read(args, now);
        error = read.Error;
        return read.Options;
    }

    /// <summary>Declares the options, parses <paramref name="args"/> and reads the world and profile they name.</summary>
    public static ParsedCommandLine Read(IReadOnlyList<string> args, DateTimeOffset now)
    {
        var environmentUrls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        var urls = Single("--urls", "URL[;URL]", "where to listen (port 0 picks a free one; ASPNETCORE_URLS if set)", Text);
        urls.DefaultValueFactory = _ => environmentUrls ?? DefaultUrls;
        var world = Single("--world", "PATH", "a world file (JSON: seed, profile, users, calls, clock, traffic) instead of the default world", Text);
        var seed = WholeNumber("--seed", "N", "seed of the default world's generated calls", DefaultWorld.DefaultSeed);
        var profile = Single("--profile", "NAME", $"behaviour profile: {string.Join(" or ", RecorderProfile.BuiltIn.Select(p => p.Name))}", NamedProfile);
        profile.CompletionSources.Add([.. RecorderProfile.BuiltIn.Select(p => p.Name)]);
        var profileFile = Single("--profile-file", "PATH", "a behaviour profile file (JSON object: name and settings)", Text);
        var set = Repeatable("--set", "SETTING=VALUE", SetDescription, Setting);
        set.CompletionSources.Add([.. RecorderProfile.SettingNames.Select(name => name + "=")]);
        var noControl = Flag("--no-control", "do not serve the /simulator control API");
        var controlToken = Single("--control-token", "TOKEN", "serve the control API only to requests carrying X-Simulator-Token: TOKEN (or Authorization: Bearer TOKEN)", ControlToken);
        var allowRemote = Flag("--allow-remote", "listen beyond loopback even though the control API has no token (anyone who can reach the simulator can then reset it)");
        var fault = Repeatable("--fault", "KIND[,KEY=VALUE...]", FaultDescription, FaultJson.Parse);
        fault.CompletionSources.Add([.. Enum.GetNames<FaultKind>().Select(kind => kind.ToLowerInvariant())]);
        var command = new RootCommand(Description) { urls, world, seed, profile, profileFile, set, fault, noControl, controlToken, allowRemote };

        // Options of a type of their own: one line each, `typed.Add(name, value, help, Type.Parse, where the value goes)`.
        var typed = new TypedOptions(command);
        typed.Add("--clock", "real|manual|scaled:N", "the simulator's clock: the host's pace (default), only when advanced (POST /simulator/clock/advance), or N simulated seconds per second",
            ClockSetting.Parse, (options, clock) => options with { World = options.World with { Clock = clock } });
        typed.Add("--traffic", "RATE[,NAME=VALUE...]", "call-centre traffic from the start: RATE calls per hour, then seed=N, meanDurationSeconds=S, durationSpread=X, agents=N, transferShare=X, conferenceShare=X, mix=IN/OUT/INT, dailyCurve=F0/.../F23",
            TrafficSettings.Parse, (options, traffic) => options with { World = options.World with { Traffic = traffic } });

        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0 || parsed.Action is not null)
        {
            // Bad usage, or --help, --version, [suggest]: nothing to run.
            return new ParsedCommandLine(null, parsed.Errors.Count > 0 ? string.Join("; ", parsed.Errors.Select(e => e.Message).Distinct()) : null, parsed);
        }

        var listenOn = parsed.GetRequiredValue(urls);
        var control = new ControlOptions(!parsed.GetValue(noControl), parsed.GetValue(controlToken));
        var urlsSource = environmentUrls is null || parsed.GetResult(urls) is { Implicit: false } ? "--urls" : "ASPNETCORE_URLS";
        var error = ListenAddresses.Check(listenOn, urlsSource, out var beyondLoopback);
        if (error is null && beyondLoopback && control is { Enabled: true, Token: null } && !parsed.GetValue(allowRemote))
        {
            error = $"{urlsSource} {listenOn} listens beyond this machine, and the control API has no token: anyone who can reach it could "
                    + "reset the simulator or read its log; give --control-token TOKEN, --no-control, or --allow-remote to accept that";
        }

        var worldPath = parsed.GetValue(world);
        var fileFaults = Checked<IReadOnlyList<Fault>>.Ok([]);
        var started = error is null
            ? CommandLineWorld.Read(worldPath, parsed.GetValue(seed), now, parsed.GetValue(profile), parsed.GetValue(profileFile), parsed.GetValue(set) ?? [], out fileFaults)
            : Checked<World>.Fail(error);
        if (started.Error is not null)
        {
            return new ParsedCommandLine(null, started.Error, parsed);
        }

        var faults = CommandLineWorld.Faults(fileFaults, parsed.GetValue(fault) ?? []);
        if (faults.Error is not null)
        {
            return new ParsedCommandLine(null, faults.Error, parsed);
        }

        var options = new CommandLine(listenOn, started.Value!, control, worldPath ?? $"default world (seed {parsed.GetValue(seed)})", beyondLoopback)
        {
            Faults = faults.Value!,
        };
        return new ParsedCommandLine(typed.SetOn(options, parsed), null, parsed);
    }

    private static Checked<RecorderProfile> NamedProfile(string name) =>
        RecorderProfile.TryNamed(name, out var named)
            ? Checked<RecorderProfile>.Ok(named)
            : Checked<RecorderProfile>.Fail($"unknown profile '{name}'; built-in profiles: {string.Join(", ", RecorderProfile.BuiltIn.Select(p => p.Name))}");

    private static Checked<string> Setting(string text) =>
        text.Contains('=', StringComparison.Ordinal) ? Checked<string>.Ok(text) : Checked<string>.Fail($"--set needs SETTING=VALUE, not '{text}'");
}
