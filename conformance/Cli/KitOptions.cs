using System.Globalization;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Cli;

/// <summary>The conformance kit's command line.</summary>
internal sealed record KitOptions
{
    public const string Usage = """
        Usage: dotnet run --project conformance -- [options]
          --target URL             the server to check (default: an in-process simulator)
          --account L:P:RIGHTS     an account on a real recorder; RIGHTS none, list or list,pause, optionally
                                   followed by ;masks=1001?|6* (repeat for each account)
          --allow-pause            let the kit pause and resume couples of a real recorder (with --couple only)
          --couple ID              a couple the kit may pause (repeatable); each is restored afterwards
          --profile NAME           the behaviour profile inferred rules are checked against: default or
                                   jaxrs-lenient (default: a standalone simulator's own profile, else default)
          --profile-file PATH      a behaviour profile file (as written by --probe)
          --set SETTING=VALUE      change one setting of that profile (repeatable)
          --seed N                 the seed of the scenarios (default: chosen and printed)
          --runs N                 how many scenarios to run before aiming at rules checked too rarely (default 100)
          --min-checks N           aim further scenarios at each rule checked fewer than N times (default 3)
          --max-runs N             the most scenarios in all (default: three times --runs)
          --budget SECONDS         start no scenario after this long
          --steps N                the most steps in a scenario (default 30)
          --run I                  run only scenario I of --seed (to replay one; needs --seed)
          --focus RULE             the rule a replayed scenario was aimed at (as the replay hint says)
          --rate N                 requests per second against a real recorder (default 5)
          --control-token TOKEN    the simulator's control token, if it has one
          --junit PATH             write a JUnit XML report (one test case per rule)
          --report PATH            write a Markdown report
          --repro DIR              write each failure's curl script to DIR
          --require-all            exit 4 when a rule could not be checked (a CI gate)
                                   (exit 5: no rule broken, but some steps met a fault and were not judged)
          --probe PATH             record what the target does where the rules are inferred, as a profile file,
                                   then stop
          --compare URL            run the same scenarios on the recorder (--target) and on the standalone
                                   simulator at URL, set up with the recorder's accounts and calls under the
                                   profile probed on it, and report every answer that differs
          --agents N               instead of scenarios: N agents, each with its own session, pause, resume and
                                   read couples at once; every couple's history is checked for an order
                                   consistent with real time (on a real recorder: only --couple couples)
          --operations N           how many operations the agents make in all (default 1000)
          --op-timeout SECONDS     how long an agent waits for an answer before taking its outcome as unknown
                                   (default 10)
          --help                   show this text
        Exit codes:
          0  no documented rule broken and no difference from the profile (the verdict says whether every
             rule was checked: "Conformant", or "Partially checked")
          1  a documented rule is broken (a bug in the server), or a couple was left changed
          2  bad usage, or the target cannot be reached
          3  no documented rule broken, but the server differs from the profile on an inferred rule
             (with --compare: the simulator answered some request otherwise than the recorder)
          4  with --require-all: rules were not checked
        """;

    public Uri? Target { get; init; }

    public IReadOnlyList<ModelUser> Accounts { get; init; } = [];

    public bool AllowPause { get; init; }

    public IReadOnlyList<long> Couples { get; init; } = [];

    /// <summary>The profile given on the command line; null: the standalone simulator's own, or the default.</summary>
    public KitProfile? Profile { get; init; }

    public IReadOnlyList<(string Setting, string Value)> Settings { get; init; } = [];

    public int Seed { get; init; }

    public bool SeedGiven { get; init; }

    public int Runs { get; init; } = 100;

    public int MinChecks { get; init; } = 3;

    public int? MaxRuns { get; init; }

    public TimeSpan? Budget { get; init; }

    public int Steps { get; init; } = 30;

    public int? OnlyRun { get; init; }

    public string? Focus { get; init; }

    public double Rate { get; init; } = 5;

    public string? ControlToken { get; init; }

    public string? JUnit { get; init; }

    public string? Report { get; init; }

    public string? Repro { get; init; }

    public bool RequireAll { get; init; }

    public string? Probe { get; init; }

    public Uri? Compare { get; init; }

    /// <summary>With --agents: how many agents run at once; null runs scenarios instead.</summary>
    public int? Agents { get; init; }

    public int Operations { get; init; } = 1000;

    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The flags a replay needs besides the seed and run: the target, accounts, rights and profile.</summary>
    public IReadOnlyList<string> ReplayArgs { get; init; } = [];

    /// <summary>Parses the arguments; null with an error (or with none, for --help).</summary>
    public static KitOptions? Parse(IReadOnlyList<string> args, int defaultSeed, out string? error)
    {
        error = null;
        var options = new KitOptions { Seed = defaultSeed };
        var accounts = new List<ModelUser>();
        var couples = new List<long>();
        var settings = new List<(string, string)>();
        var replay = new List<string>();
        for (var i = 0; i < args.Count && error is null; i++)
        {
            var arg = args[i];
            var start = i;
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{arg} needs a value");
            int Number(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min ? n : throw new FormatException($"{arg} needs a whole number of at least {min}, not '{args[i]}'");
            try
            {
                options = arg switch
                {
                    "--target" => options with { Target = Uri.TryCreate(Value(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : throw new FormatException($"--target needs an http(s) URL, not '{args[i]}'") },
                    "--account" => Add(options, accounts, Account.Parse(Value(), out error)),
                    "--allow-pause" => options with { AllowPause = true },
                    "--couple" => AddCouple(options, couples, long.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new FormatException($"--couple needs a couple id, not '{args[i]}'")),
                    "--profile" => options with { Profile = KitProfile.TryNamed(Value(), out var named) ? named : throw new FormatException($"unknown profile '{args[i]}'; built-in profiles: {string.Join(", ", KitProfile.BuiltIn.Select(p => p.Name))}") },
                    "--profile-file" => options with { Profile = ProfileJson.ReadFile(Value()) },
                    "--set" => AddSetting(options, settings, Value()),
                    "--seed" => options with { Seed = int.TryParse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed) ? seed : throw new FormatException($"--seed needs a whole number, not '{args[i]}'"), SeedGiven = true },
                    "--runs" => options with { Runs = Number(1) },
                    "--min-checks" => options with { MinChecks = Number(0) },
                    "--max-runs" => options with { MaxRuns = Number(1) },
                    "--budget" => options with { Budget = TimeSpan.FromSeconds(Number(1)) },
                    "--steps" => options with { Steps = Number(1) },
                    "--run" => options with { OnlyRun = Number(0) },
                    "--focus" => options with { Focus = Rules.RuleCatalogue.All.Any(r => r.Id == Value()) ? args[i] : throw new FormatException($"--focus needs a rule id such as SES-1, not '{args[i]}'") },
                    "--rate" => options with { Rate = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 ? rate : throw new FormatException($"--rate needs a positive number, not '{args[i]}'") },
                    "--control-token" => options with { ControlToken = Value() },
                    "--junit" => options with { JUnit = Value() },
                    "--report" => options with { Report = Value() },
                    "--repro" => options with { Repro = Value() },
                    "--require-all" => options with { RequireAll = true },
                    "--probe" => options with { Probe = Value() },
                    "--compare" => options with { Compare = Uri.TryCreate(Value(), UriKind.Absolute, out var compare) && compare.Scheme is "http" or "https" ? compare : throw new FormatException($"--compare needs the http(s) URL of a standalone simulator, not '{args[i]}'") },
                    "--agents" => options with { Agents = Number(2) is var agents && agents <= 64 ? agents : throw new FormatException($"--agents needs from 2 to 64 agents, not '{args[i]}'") },
                    "--operations" => options with { Operations = Number(1) },
                    "--op-timeout" => options with { OperationTimeout = TimeSpan.FromSeconds(Number(1)) },
                    "--help" or "-h" => null,
                    _ => throw new FormatException($"unknown option '{arg}'"),
                };
            }
            catch (FormatException e)
            {
                error = e.Message;
            }

            if (options is null)
            {
                return null;
            }

            if (arg is "--target" or "--account" or "--allow-pause" or "--couple" or "--profile" or "--profile-file" or "--set" or "--steps" or "--rate" or "--control-token" or "--agents" or "--operations" or "--op-timeout")
            {
                replay.AddRange(args.Skip(start).Take(i - start + 1));
            }
        }

        error ??= options.AllowPause && couples.Count == 0 ? "--allow-pause needs at least one --couple: the kit pauses only couples it is allowed to"
            : options.Target is null && accounts.Count > 0 ? "--account is for a real recorder (--target URL); the in-process simulator makes its own users"
            : options.OnlyRun is not null && !options.SeedGiven ? "--run replays one scenario of a seed: give the --seed it was printed with"
            : options.Focus is not null && options.OnlyRun is null ? "--focus replays an aimed scenario: give it with --seed and --run"
            : options.Compare is not null && (options.Target is null || accounts.Count == 0) ? "--compare needs the recorder to compare with: --target URL and its --account(s)"
            : options.Agents is not null && (options.Probe is not null || options.Compare is not null || options.OnlyRun is not null) ? "--agents is a run of its own: it does not go with --probe, --compare or --run"
            : options.Agents is not null && options.Operations < options.Agents ? "--operations must be at least --agents: each agent makes one operation or more"
            : null;
        return error is null ? options with { Accounts = accounts, Couples = couples, Settings = settings, ReplayArgs = replay } : null;
    }

    /// <summary>The profile to check against: the one given (or the target's own, or the default), with --set applied.</summary>
    public KitProfile ProfileFor(KitProfile? targetOwn)
    {
        var profile = Profile ?? targetOwn ?? KitProfile.Default;
        foreach (var (setting, value) in Settings)
        {
            var (changed, error) = profile.With(setting, value);
            profile = changed ?? throw new FormatException(error);
        }

        return Settings.Count > 0 && !profile.Name.EndsWith('+') ? profile with { Name = profile.Name + "+" } : profile;
    }

    private static KitOptions AddSetting(KitOptions options, List<(string, string)> settings, string text)
    {
        var parts = text.Split('=', 2);
        if (parts.Length != 2)
        {
            throw new FormatException($"--set needs SETTING=VALUE, not '{text}'");
        }

        if (KitProfile.Default.With(parts[0], parts[1]).Error is { } error)
        {
            throw new FormatException(error);
        }

        settings.Add((parts[0], parts[1]));
        return options;
    }

    private static KitOptions Add(KitOptions options, List<ModelUser> accounts, ModelUser? account)
    {
        if (account is not null)
        {
            accounts.Add(account);
        }

        return options;
    }

    private static KitOptions AddCouple(KitOptions options, List<long> couples, long id)
    {
        couples.Add(id);
        return options;
    }
}
