namespace PauseResume.Simulator.Faults;

/// <summary>
/// A named fault on the legacy API, scoped by path, rule and user and fired with a seeded probability. Faults never
/// corrupt the recorder's state: <see cref="FaultKind.Status"/>, <see cref="FaultKind.Maintenance"/> and
/// <see cref="FaultKind.Restart"/> act before the request is handled (the first two answer instead of it, so nothing
/// happens); <see cref="FaultKind.Abort"/> and <see cref="FaultKind.Truncate"/> act after it was decided (it took effect;
/// only its answer is lost or cut, and a couple's pause history says whether a cut pause happened).
/// </summary>
/// <param name="Name">The fault's name, in the <c>X-Simulator-Fault</c> header, the request log and the counts.</param>
public sealed record Fault(string Name, FaultKind Kind)
{
    public const int MaxNameLength = 64;
    public const int MaxBodyLength = 4096;
    public static readonly TimeSpan MaxLatency = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    /// <summary>A glob over the request path (<c>*</c> any run of characters, <c>?</c> one), case-insensitive; null: every path.</summary>
    public string? Path { get; init; }

    /// <summary>
    /// A rule id (<c>PSE-1</c>) or family (<c>PSE</c>) the request's answer was decided by; null: any. The rule is known only
    /// once the request is decided, so only faults that act after the decision take it: abort, truncate and latency
    /// (then added after the decision, before the answer goes out).
    /// </summary>
    public string? Rule { get; init; }

    /// <summary>The login the request is for: its session's user, or for a login request its <c>login</c> field; null: anyone.</summary>
    public string? User { get; init; }

    /// <summary>The chance, from 0 to 1, that a request in scope is hit, drawn from a generator seeded with <see cref="Seed"/>.</summary>
    public double Probability { get; init; } = 1.0;

    public int Seed { get; init; }

    /// <summary>Latency: the fixed part of the delay.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Latency: a random extra from zero up to this, drawn from the seeded generator.</summary>
    public TimeSpan Jitter { get; init; }

    /// <summary>Status: the error status answered (400 to 599).</summary>
    public int Status { get; init; } = 500;

    /// <summary>Status and maintenance: the plain-text body; null: the status's reason phrase.</summary>
    public string? Body { get; init; }

    /// <summary>Maintenance: how long the window lasts from when the fault is switched on, on the simulator's clock.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Whether the fault acts once the request has been decided (so it can be scoped by rule) rather than before.</summary>
    public bool ActsAfterDecision => Kind is FaultKind.Abort or FaultKind.Truncate || (Kind == FaultKind.Latency && Rule is not null);

    /// <summary>What makes this fault one the simulator cannot switch on, or null.</summary>
    public string? Problem()
    {
        if (string.IsNullOrEmpty(Name) || Name.Length > MaxNameLength || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return $"name: 1 to {MaxNameLength} characters of A-Z a-z 0-9 - _ . (it is sent in a header), not '{Http.ClientText.Escaped(Http.ClientText.Cut(Name ?? string.Empty, 40))}'";
        }

        if (!Enum.IsDefined(Kind))
        {
            return "kind: not a fault kind";
        }

        return double.IsNaN(Probability) || Probability is < 0 or > 1 ? $"probability: from 0 to 1, not {Probability}"
            : Path is not null && (Path.Length is 0 or > 256 || Path[0] != '/') ? "path: a glob starting with '/', up to 256 characters"
            : Rule is not null && !Faults.RuleScope.IsValid(Rule) ? $"rule: a rule id of the API such as PSE-1, or a family of them ({Faults.RuleScope.Families}), not '{Http.ClientText.Escaped(Http.ClientText.Cut(Rule, 40))}'"
            : Rule is not null && !ActsAfterDecision ? $"rule: a {Name} fault ({Kind.ToString().ToLowerInvariant()}) acts before the request is decided, when no rule is known yet; scope it by path instead"
            : User is not null && (User.Length is 0 or > 64) ? "user: 1 to 64 characters"
            : Latency < TimeSpan.Zero || Latency > MaxLatency || Jitter < TimeSpan.Zero || Jitter > MaxLatency ? $"latencyMs and jitterMs: from 0 to {MaxLatency.TotalMilliseconds}"
            : Kind == FaultKind.Latency && Latency + Jitter <= TimeSpan.Zero ? "latencyMs or jitterMs: a latency fault needs some delay"
            : Kind == FaultKind.Status && Status is < 400 or > 599 ? $"status: an error status from 400 to 599, not {Status}"
            : Body is { Length: > MaxBodyLength } ? $"body: at most {MaxBodyLength} characters"
            : Kind == FaultKind.Maintenance && (Duration <= TimeSpan.Zero || Duration > MaxDuration) ? $"durationSeconds: a maintenance window lasts more than 0 s and at most {MaxDuration.TotalSeconds} s"
            : null;
    }
}
