using System.Globalization;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Targets;
using PauseResume.Simulator.Domain;

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
          --profile NAME           the behaviour profile I rules are checked against: default or jaxrs-lenient
          --profile-file PATH      a behaviour profile file (as written by --probe)
          --seed N                 the seed of the scenarios (default: chosen and printed)
          --runs N                 how many scenarios to run (default 100)
          --steps N                the most steps in a scenario (default 30)
          --run I                  run only scenario I of the seed (to replay one)
          --rate N                 requests per second against a real recorder (default 5)
          --control-token TOKEN    the simulator's control token, if it has one
          --junit PATH             write a JUnit XML report (one test case per rule)
          --report PATH            write a Markdown report
          --probe PATH             record what the target does for each inferred rule as a profile file, then stop
          --help                   show this text
        Exit code: 0 conformant, 1 rules broken, 2 bad usage or target unreachable.
        """;

    public Uri? Target { get; init; }

    public IReadOnlyList<ModelUser> Accounts { get; init; } = [];

    public bool AllowPause { get; init; }

    public IReadOnlyList<long> Couples { get; init; } = [];

    public RecorderProfile Profile { get; init; } = RecorderProfile.Default;

    public int Seed { get; init; }

    public int Runs { get; init; } = 100;

    public int Steps { get; init; } = 30;

    public int? OnlyRun { get; init; }

    public double Rate { get; init; } = 5;

    public string? ControlToken { get; init; }

    public string? JUnit { get; init; }

    public string? Report { get; init; }

    public string? Probe { get; init; }

    /// <summary>Parses the arguments; null with an error (or with none, for --help).</summary>
    public static KitOptions? Parse(IReadOnlyList<string> args, int defaultSeed, out string? error)
    {
        error = null;
        var options = new KitOptions { Seed = defaultSeed };
        var accounts = new List<ModelUser>();
        var couples = new List<long>();
        for (var i = 0; i < args.Count && error is null; i++)
        {
            var arg = args[i];
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
                    "--profile" => options with { Profile = RecorderProfile.TryNamed(Value(), out var named) ? named : throw new FormatException($"unknown profile '{args[i]}'; built-in profiles: {string.Join(", ", RecorderProfile.BuiltIn.Select(p => p.Name))}") },
                    "--profile-file" => options with { Profile = ProfileFile.Read(Value()) },
                    "--seed" => options with { Seed = int.TryParse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed) ? seed : throw new FormatException($"--seed needs a whole number, not '{args[i]}'") },
                    "--runs" => options with { Runs = Number(1) },
                    "--steps" => options with { Steps = Number(1) },
                    "--run" => options with { OnlyRun = Number(0) },
                    "--rate" => options with { Rate = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0 ? rate : throw new FormatException($"--rate needs a positive number, not '{args[i]}'") },
                    "--control-token" => options with { ControlToken = Value() },
                    "--junit" => options with { JUnit = Value() },
                    "--report" => options with { Report = Value() },
                    "--probe" => options with { Probe = Value() },
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
        }

        if (error is null && options.AllowPause && couples.Count == 0)
        {
            error = "--allow-pause needs at least one --couple: the kit pauses only couples it is allowed to";
        }

        if (error is null && options.Target is null && accounts.Count > 0)
        {
            error = "--account is for a real recorder (--target URL); the in-process simulator makes its own users";
        }

        return error is null ? options with { Accounts = accounts, Couples = couples } : null;
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
