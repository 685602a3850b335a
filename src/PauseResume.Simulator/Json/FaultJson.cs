using System.Globalization;
using PauseResume.Simulator.Faults;

namespace PauseResume.Simulator.Json;

/// <summary>
/// A fault as the control API, world files and <c>--fault</c> write it. <c>injected</c>, <c>active</c> and <c>until</c>
/// are only in answers. A parameter that does not belong to the kind is refused rather than ignored.
/// </summary>
public sealed record FaultJson(
    string? Name,
    string? Kind,
    string? Path = null,
    string? Rule = null,
    string? User = null,
    double? Probability = null,
    int? Seed = null,
    double? LatencyMs = null,
    double? JitterMs = null,
    int? Status = null,
    string? Body = null,
    double? DurationSeconds = null,
    long? Injected = null,
    bool? Active = null,
    DateTimeOffset? Until = null)
{
    public static string Kinds { get; } = string.Join(", ", Enum.GetValues<FaultKind>().Select(Wire));

    public Checked<Fault> ToFault(string at)
    {
        if (Kind is null || !Enum.TryParse<FaultKind>(Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || Kind.Any(c => char.IsDigit(c) || c == ','))
        {
            return Checked<Fault>.Fail($"{at}.kind: {(Kind is null ? "required" : $"'{Kind}' is not")} one of {Kinds}");
        }

        var stray = (Injected, Active, Until) != (null, null, null) ? "injected, active and until are counted by the simulator"
            : kind != FaultKind.Latency && (LatencyMs, JitterMs) != (null, null) ? "latencyMs and jitterMs belong to latency"
            : kind != FaultKind.Status && Status is not null ? "status belongs to status (maintenance is always 503)"
            : kind is not (FaultKind.Status or FaultKind.Maintenance) && Body is not null ? "body belongs to status and maintenance"
            : kind != FaultKind.Maintenance && DurationSeconds is not null ? "durationSeconds belongs to maintenance"
            : null;
        if (stray is not null)
        {
            return Checked<Fault>.Fail($"{at}: {stray}, not to {Wire(kind)}");
        }

        if (new[] { LatencyMs, JitterMs, DurationSeconds }.Any(v => v is { } x && (double.IsNaN(x) || double.IsInfinity(x) || x < 0 || x > Fault.MaxDuration.TotalMilliseconds)))
        {
            return Checked<Fault>.Fail($"{at}: latencyMs and jitterMs are numbers from 0 to {Fault.MaxLatency.TotalMilliseconds}, durationSeconds one above 0 and at most {Fault.MaxDuration.TotalSeconds}");
        }

        var fault = new Fault(Name ?? Wire(kind), kind)
        {
            Path = Path,
            Rule = Rule,
            User = User,
            Probability = Probability ?? 1.0,
            Seed = Seed ?? 0,
            Latency = TimeSpan.FromMilliseconds(LatencyMs ?? 0),
            Jitter = TimeSpan.FromMilliseconds(JitterMs ?? 0),
            Status = Status ?? 500,
            Body = Body,
            Duration = TimeSpan.FromSeconds(DurationSeconds ?? 0),
        };
        return fault.Problem() is { } problem ? Checked<Fault>.Fail($"{at}.{problem}") : Checked<Fault>.Ok(fault);
    }

    public static FaultJson From(FaultState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var f = state.Fault;
        return new FaultJson(
            f.Name, Wire(f.Kind), f.Path, f.Rule, f.User, f.Probability, f.Seed,
            f.Kind == FaultKind.Latency ? f.Latency.TotalMilliseconds : null,
            f.Kind == FaultKind.Latency ? f.Jitter.TotalMilliseconds : null,
            f.Kind == FaultKind.Status ? f.Status : null,
            f.Body,
            f.Kind == FaultKind.Maintenance ? f.Duration.TotalSeconds : null,
            state.Injected, state.Active, state.Until);
    }

    /// <summary>
    /// The command line's <c>--fault KIND[,key=value]…</c>, keys as in JSON (<c>abort,name=cut,rule=PSE-1,probability=0.3,seed=7</c>);
    /// <c>body=</c> takes the rest of the text, commas included, so it comes last.
    /// </summary>
    public static Checked<Fault> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bodyAt = text.IndexOf(",body=", StringComparison.Ordinal);
        var body = bodyAt < 0 ? null : text[(bodyAt + 6)..];
        var parts = (bodyAt < 0 ? text : text[..bodyAt]).Split(',');
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts.Skip(1))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2 || !Keys.Contains(pair[0], StringComparer.OrdinalIgnoreCase) || !values.TryAdd(pair[0], pair[1]))
            {
                return Checked<Fault>.Fail($"--fault {text}: '{part}' is not one of {string.Join(", ", Keys.Select(k => k + "=…"))} (each once), after the kind ({Kinds})");
            }
        }

        try
        {
            string? Text(string key) => values.GetValueOrDefault(key);
            double? Number(string key) => Text(key) is { } v ? double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
            int? Whole(string key) => Text(key) is { } v ? int.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;
            var json = new FaultJson(
                Text("name"), parts[0], Text("path"), Text("rule"), Text("user"), Number("probability"), Whole("seed"),
                Number("latencyMs"), Number("jitterMs"), Whole("status"), body, Number("durationSeconds"));
            var fault = json.ToFault("--fault");
            return fault.Error is null ? fault : Checked<Fault>.Fail($"{fault.Error} (in '{text}')");
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return Checked<Fault>.Fail($"--fault {text}: probability, latencyMs, jitterMs and durationSeconds are numbers, seed and status whole numbers");
        }
    }

    private static readonly string[] Keys = ["name", "path", "rule", "user", "probability", "seed", "latencyMs", "jitterMs", "status", "durationSeconds", "body"];

    private static string Wire(FaultKind kind) => kind.ToString().ToLowerInvariant();
}
