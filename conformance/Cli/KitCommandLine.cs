using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Rules;
using PauseResume.Conformance.Targets;
using static PauseResume.Conformance.Cli.OptionKinds;

namespace PauseResume.Conformance.Cli;

/// <summary>
/// The kit's command line, on System.CommandLine: every option is declared here, with its help, its parser (whose
/// message says what is accepted) and its completions (<c>[suggest]</c>); what options mean together is checked after.
/// </summary>
/// <param name="Options">What to run; null when the command line asked for help or completions, or was wrong (<see cref="Error"/>).</param>
internal sealed record KitCommandLine(KitOptions? Options, string? Error, ParseResult Parsed)
{
    public const string Description = """
        Checks a server of the Pause/Resume API against the recorder's rules (default: an in-process simulator).
        Exit codes:
          0  no documented rule broken and no difference from the profile (the verdict says whether every
             rule was checked: "Conformant", or "Partially checked")
          1  a documented rule is broken (a bug in the server), or a couple was left changed
          2  bad usage, or the target cannot be reached
          3  no documented rule broken, but the server differs from the profile on an inferred rule, and
             the final audit read every couple (with --compare: the simulator answered some request
             otherwise than the recorder)
          4  with --require-all: rules (with --agents: couples' histories) were not checked
          5  the final audit of a real recorder could not read a couple (AUDIT UNCHECKED: check it by hand;
             before a difference, as it may be left paused); or no documented rule broken and no difference,
             but some steps met a fault (a 429, 502, 503 or 504, an answer cut short, a timeout, a simulator's
             injected fault other than latency) and were not judged (with --compare: not compared); or a
             failure was met that the --budget left no time to judge, or the --budget was spent before
             the first scenario could start ("Nothing checked"); or a probe's or observation's request
             met one each time it was sent
        130  interrupted (Ctrl+C or SIGTERM): couples paused on a real recorder have been put back
        """;

    /// <summary>The options a replay needs besides the seed and run: the target, accounts, rights and profile.</summary>
    private static readonly HashSet<string> Replayed =
        ["--target", "--ca-certificate", "--account", "--allow-pause", "--wrong-passwords", "--couple", "--profile", "--profile-file", "--set", "--steps", "--rate", "--control-token", "--agents", "--operations", "--op-timeout", "--settle"];

    public static KitCommandLine Read(IReadOnlyList<string> args, int defaultSeed)
    {
        var target = Single("--target", "URL", "the server to check (default: an in-process simulator)", text => HttpUrl(text, "--target needs an http(s) URL"));
        var account = Repeatable("--account", "L:P:RIGHTS", "an account on a real recorder; RIGHTS none, list or list,pause, optionally followed by ;masks=1001?|6* (repeat for each account)",
            text => Account.Parse(text, out var error) ?? throw new FormatException(error));
        var allowPause = Flag("--allow-pause", "let the kit pause and resume couples of a real recorder (with --couple only)");
        var wrongPasswords = Flag("--wrong-passwords", "on a real recorder, send wrong and missing passwords to the --account logins too (SES-3); a lockout policy may lock them. Without it, failed logins use a login that does not exist");
        var couple = Repeatable("--couple", "ID", "a couple the kit may pause (repeatable); each is restored afterwards",
            text => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new FormatException($"--couple needs a couple id, not '{text}'"));
        var profile = Single("--profile", "NAME", $"the behaviour profile inferred rules are checked against: {string.Join(" or ", KitProfile.BuiltIn.Select(p => p.Name))} (default: a standalone simulator's own profile, else default)",
            text => KitProfile.TryNamed(text, out var named) ? named : throw new FormatException($"unknown profile '{text}'; built-in profiles: {string.Join(", ", KitProfile.BuiltIn.Select(p => p.Name))}"));
        profile.CompletionSources.Add([.. KitProfile.BuiltIn.Select(p => p.Name)]);
        var profileFile = Single("--profile-file", "PATH", "a behaviour profile file (as written by --probe)", ProfileJson.ReadFile);
        var set = Repeatable("--set", "SETTING=VALUE", "change one setting of that profile (repeatable)", Setting);
        set.CompletionSources.Add([.. ProfileSettings.All.Select(s => s.Name + "=")]);
        var seed = Single<int?>("--seed", "N", "the seed of the scenarios (default: chosen and printed)",
            text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? s : throw new FormatException($"--seed needs a whole number, not '{text}'"));
        var runs = Default(Single("--runs", "N", "how many scenarios to run before aiming at rules checked too rarely", Number("--runs", 1)), 100);
        var minChecks = Default(Single("--min-checks", "N", "aim further scenarios at each rule checked fewer than N times", Number("--min-checks", 0)), 3);
        var maxRuns = Single<int?>("--max-runs", "N", "the most scenarios in all (default: three times --runs)", text => Number("--max-runs", 1)(text));
        var budget = Single<int?>("--budget", "SECONDS", "how long the run may take from the command's start (reading a real recorder's calls and --compare's probe count): start no scenario that would end after it, at the scenarios' average length so far, and stop judging a failure a quarter of it later (at least a minute; its rule is then not checked); one spent before the first scenario checks nothing (exit 5); --probe and --agents take none", text => Number("--budget", 1)(text));
        var steps = Default(Single("--steps", "N", "the most steps in a scenario", Number("--steps", 1)), 30);
        var run = Single<int?>("--run", "I", "run only scenario I of --seed (to replay one; needs --seed)", text => Number("--run", 0)(text));
        var focus = Single("--focus", "RULE", "the rule a replayed scenario was aimed at (as the replay hint says)",
            text => RuleCatalogue.All.Any(r => r.Id == text) ? text : throw new FormatException($"--focus needs a rule id such as SES-1, not '{text}'"));
        focus.CompletionSources.Add([.. RuleCatalogue.All.Select(r => r.Id)]);
        var rate = Default(Single("--rate", "N", "requests per second against a real recorder",
            text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : throw new FormatException($"--rate needs a positive number, not '{text}'")), 5);
        var caCertificate = Single("--ca-certificate", "PATH", "over https, trust the recorder's certificate in PATH (PEM or DER), or the CA certificate that signed it, besides the system's; the host name is still checked",
            TrustedCertificates.Load);
        var controlToken = Single("--control-token", "TOKEN", "the simulator's control token, if it has one", text => text);
        var junit = Single("--junit", "PATH", "write a JUnit XML report (one test case per rule)", text => text);
        var report = Single("--report", "PATH", "write a Markdown report", text => text);
        var repro = Single("--repro", "DIR", "write each failure's curl script to DIR", text => text);
        var requireAll = Flag("--require-all", "exit 4 when a rule could not be checked (a CI gate)");
        var probe = Single("--probe", "PATH", "record what the target does where the rules are inferred, as a profile file, then stop", text => text);
        var compare = Single("--compare", "URL", "run the same scenarios on the recorder (--target) and on the standalone simulator at URL, set up with the recorder's accounts and calls under the profile probed on it, and report every answer that differs",
            text => HttpUrl(text, "--compare needs the http(s) URL of a standalone simulator"));
        var agents = Single<int?>("--agents", "N", "instead of scenarios: N agents (2 to 64), each with its own session, pause, resume and read couples at once; every couple's history is checked for an order consistent with real time (on a real recorder: only --couple couples; one that is recording is first paused and resumed once to measure how late its details show a change)",
            text => Number("--agents", 2)(text) is var n && n <= 64 ? n : throw new FormatException($"--agents needs from 2 to 64 agents, not '{text}'"));
        var operations = Default(Single("--operations", "N", "how many operations the agents make in all", Number("--operations", 1)), 1000);
        var opTimeout = Default(Single("--op-timeout", "SECONDS", "how long an agent waits for an answer before taking its outcome as unknown", Number("--op-timeout", 1)), 10);
        var settle = Default(Single("--settle", "SECONDS", "how long the details of a real recorder or a standalone simulator may take to show a pause or resume before it counts as late; one not shown within fifteen times it counts as not taken (0: no lag is allowed; scenarios and --agents measure the lag first on an allowed couple, wait for one found, and report it as a difference naming the --settle to use; --probe says how late its details are; default 2, or twice the lag a --profile-file's probe saw; decimals allowed: 0.5)", Seconds("--settle", 3600)), 2.0);

        var command = new RootCommand(Description)
        {
            target, caCertificate, account, allowPause, wrongPasswords, couple, profile, profileFile, set, seed, runs, minChecks, maxRuns, budget, steps, run, focus, rate,
            controlToken, junit, report, repro, requireAll, probe, compare, agents, operations, opTimeout, settle,
        };
        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            return new KitCommandLine(null, string.Join("; ", parsed.Errors.Select(e => e.Message).Distinct()), parsed);
        }

        if (parsed.Action is not null)
        {
            return new KitCommandLine(null, null, parsed); // --help, --version or [suggest]
        }

        // A probe writes what it found to its own PATH and runs no scenario: a report or JUnit file asked beside it would
        // be left unwritten without a word.
        if (parsed.GetValue(probe) is not null && (parsed.GetValue(report) is not null || parsed.GetValue(junit) is not null))
        {
            return new KitCommandLine(null, "--probe writes what it finds to its own PATH and runs no scenario: --report and --junit are for a run (give them to the run with --profile-file)", parsed);
        }

        // --profile and --profile-file name the same thing: the one given last counts.
        var chosenProfile = Last(parsed, profile, profileFile) is { } chosen ? parsed.GetValue((Option<KitProfile>)chosen) : null;

        // PSE-1: without --settle, details as late as the probe that wrote the profile file saw them are waited for.
        var settleGiven = parsed.GetResult(settle) is { Implicit: false };
        var probedSettle = chosenProfile?.DetailsLag is { } lag ? Commands.DetailsLag.SettleFor(lag) : 0;
        var options = new KitOptions
        {
            Target = parsed.GetValue(target),
            Accounts = parsed.GetValue(account) ?? [],
            AllowPause = parsed.GetValue(allowPause),
            WrongPasswords = parsed.GetValue(wrongPasswords),
            Couples = parsed.GetValue(couple) ?? [],
            Profile = chosenProfile,
            Settings = parsed.GetValue(set) ?? [],
            Seed = parsed.GetValue(seed) ?? defaultSeed,
            SeedGiven = parsed.GetValue(seed) is not null,
            Runs = parsed.GetValue(runs),
            MinChecks = parsed.GetValue(minChecks),
            MaxRuns = parsed.GetValue(maxRuns),
            Budget = parsed.GetValue(budget) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            Steps = parsed.GetValue(steps),
            OnlyRun = parsed.GetValue(run),
            Focus = parsed.GetValue(focus),
            Rate = parsed.GetValue(rate),
            ControlToken = parsed.GetValue(controlToken),
            TrustedCertificates = parsed.GetValue(caCertificate),
            JUnit = parsed.GetValue(junit),
            Report = parsed.GetValue(report),
            Repro = parsed.GetValue(repro),
            RequireAll = parsed.GetValue(requireAll),
            Probe = parsed.GetValue(probe),
            Compare = parsed.GetValue(compare),
            Agents = parsed.GetValue(agents),
            Operations = parsed.GetValue(operations),
            OperationTimeout = TimeSpan.FromSeconds(parsed.GetValue(opTimeout)),
            Settle = TimeSpan.FromSeconds(settleGiven ? parsed.GetValue(settle) : Math.Max(parsed.GetValue(settle), probedSettle)),
            SettleFromProfile = !settleGiven && probedSettle > parsed.GetValue(settle),
            ReplayArgs = ReplayArgs(parsed),
        };
        var error = options.Mismatch();
        return new KitCommandLine(error is null ? options : null, error, parsed);
    }

    /// <summary>
    /// Prints what the command line asked for instead of a run: help or completions (exit 0), or the error followed by
    /// the help (exit 2).
    /// </summary>
    public async Task<int> ReplyAsync(TextWriter output, TextWriter errors)
    {
        var error = Error ?? Completions.Suggestions.Misused(Parsed);
        if (error is null)
        {
            return await Parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = errors });
        }

        // The one line that says what is wrong, not buried under the whole help.
        await errors.WriteLineAsync($"error: {error}");
        await errors.WriteLineAsync("(--help lists the options)");
        return Kit.KitResult.ExitUsage;
    }

    private static Option<T> Default<T>(Option<T> option, T value)
    {
        option.DefaultValueFactory = _ => value;
        return option;
    }

    private static Uri HttpUrl(string text, string message) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : throw new FormatException($"{message}, not '{text}'");

    private static (string Setting, string Value) Setting(string text)
    {
        var parts = text.Split('=', 2);
        if (parts.Length != 2)
        {
            throw new FormatException($"--set needs SETTING=VALUE, not '{text}'");
        }

        return KitProfile.Default.With(parts[0], parts[1]).Error is { } error ? throw new FormatException(error) : (parts[0], parts[1]);
    }

    private static Option? Last(ParseResult parsed, params Option[] options) =>
        options.Where(o => parsed.GetResult(o) is { Implicit: false })
            .MaxBy(o => parsed.Tokens.ToList().FindLastIndex(t => t.Type == TokenType.Option && o.Name == t.Value));

    /// <summary>The replayed options as they were typed, in their order, each with its value.</summary>
    private static List<string> ReplayArgs(ParseResult parsed)
    {
        var replay = new List<string>();
        var keep = false;
        foreach (var token in parsed.Tokens.Where(t => t.Type is TokenType.Option or TokenType.Argument))
        {
            keep = token.Type == TokenType.Option ? Replayed.Contains(token.Value) : keep;
            if (keep)
            {
                replay.Add(token.Value);
            }
        }

        return replay;
    }
}
