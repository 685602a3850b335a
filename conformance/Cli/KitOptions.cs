using PauseResume.Conformance.Model;
using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Targets;

namespace PauseResume.Conformance.Cli;

/// <summary>What the conformance kit runs with, as read by <see cref="KitCommandLine"/>.</summary>
internal sealed record KitOptions
{
    public Uri? Target { get; init; }

    public IReadOnlyList<ModelUser> Accounts { get; init; } = [];

    public bool AllowPause { get; init; }

    /// <summary>Send wrong and missing passwords to a real recorder's accounts (else to a login that does not exist).</summary>
    public bool WrongPasswords { get; init; }

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

    /// <summary>Roots trusted besides the system's for an HTTPS target (<c>--ca-certificate</c>); null: the system's only.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2Collection? TrustedCertificates { get; init; }

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

    /// <summary>PSE-1: how long the details may take to show a pause or resume where the kit does not move the clock.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether <see cref="Settle"/> is the one the profile file's probe measured (no --settle was given).</summary>
    public bool SettleFromProfile { get; init; }

    /// <summary>The flags a replay needs besides the seed and run: the target, accounts, rights and profile.</summary>
    public IReadOnlyList<string> ReplayArgs { get; init; } = [];

    /// <summary>Parses the arguments (see <see cref="KitCommandLine"/>); null with an error, or with none for --help.</summary>
    public static KitOptions? Parse(IReadOnlyList<string> args, int defaultSeed, out string? error)
    {
        var read = KitCommandLine.Read(args, defaultSeed);
        error = read.Error;
        return read.Options;
    }

    /// <summary>What is wrong with these options together, each being right alone; null when nothing is.</summary>
    public string? Mismatch() =>
        AllowPause && Couples.Count == 0 ? "--allow-pause needs at least one --couple: the kit pauses only couples it is allowed to"
        : Target is null && Accounts.Count > 0 ? "--account is for a real recorder (--target URL); the in-process simulator makes its own users"
        : OnlyRun is not null && !SeedGiven ? "--run replays one scenario of a seed: give the --seed it was printed with"
        : Focus is not null && OnlyRun is null ? "--focus replays an aimed scenario: give it with --seed and --run"
        : TrustedCertificates is not null && Target?.Scheme != Uri.UriSchemeHttps && Compare?.Scheme != Uri.UriSchemeHttps ? "--ca-certificate is for a server over https: give an https --target (or --compare) URL"
        : Compare is not null && (Target is null || Accounts.Count == 0) ? "--compare needs the recorder to compare with: --target URL and its --account(s)"
        : Agents is not null && (Probe is not null || Compare is not null || OnlyRun is not null) ? "--agents is a run of its own: it does not go with --probe, --compare or --run"
        : Agents is not null && Operations < Agents ? "--operations must be at least --agents: each agent makes one operation or more"
        : null;

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
}
