using System.Globalization;

namespace PauseResume.Simulator.Domain;

/// <summary>
/// The behaviour profile: every inferred (I) rule of RECORDER-API.md whose behaviour is a choice is one named
/// setting here, with the documented default. Choose a profile by name, then override settings one by one.
/// </summary>
public sealed record RecorderProfile
{
    public const string DefaultName = "default";
    public const string JaxRsLenientName = "jaxrs-lenient";

    public static RecorderProfile Default { get; } = new();

    /// <summary>The Java reading of <c>paused</c> (PSE-2): <c>pause=true</c> resumes, as on a JAX-RS server.</summary>
    public static RecorderProfile JaxRsLenient { get; } = new() { Name = JaxRsLenientName, PausedParameter = PausedParameterReading.JaxRsLenient };

    /// <summary>The bounds of <see cref="SessionIdleTimeout"/> (SES-6).</summary>
    public static readonly TimeSpan MinSessionIdleTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxSessionIdleTimeout = TimeSpan.FromDays(30);

    public static IReadOnlyList<RecorderProfile> BuiltIn { get; } = [Default, JaxRsLenient];

    /// <summary>The setting names, as used on the command line, in world files and in the control API.</summary>
    public static IReadOnlyList<string> SettingNames { get; } = ["pausedParameter", "invalidDirectionStatus", "sessionIdleTimeout"];

    public string Name { get; init; } = DefaultName;

    /// <summary>PSE-2: strict (400 on a missing or non-boolean <c>paused</c>) or jaxrs-lenient.</summary>
    public PausedParameterReading PausedParameter { get; init; } = PausedParameterReading.Strict;

    /// <summary>LST-6: the status for a direction other than CALLING, CALLED or BOTH.</summary>
    public int InvalidDirectionStatus { get; init; } = 404;

    /// <summary>SES-6: a session without a request for this long is logged out.</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public static bool TryNamed(string name, out RecorderProfile profile)
    {
        profile = BuiltIn.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return profile is not null;
    }

    /// <summary>Returns this profile with one setting changed, or an error that says what is accepted.</summary>
    public ProfileChange With(string setting, string value) => setting.ToUpperInvariant() switch
    {
        "PAUSEDPARAMETER" => ParseReading(value) is { } reading
            ? new(this with { PausedParameter = reading }, null)
            : new(null, $"pausedParameter must be 'strict' or '{JaxRsLenientName}', not '{value}' (PSE-2)"),
        "INVALIDDIRECTIONSTATUS" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 400 and <= 499
            ? new(this with { InvalidDirectionStatus = status }, null)
            : new(null, $"invalidDirectionStatus must be a 4xx status code, not '{value}' (LST-6)"),
        "SESSIONIDLETIMEOUT" => ParseTimeout(value) is { } timeout
            ? new(this with { SessionIdleTimeout = timeout }, null)
            : new(null, $"sessionIdleTimeout must be minutes or a time span like 00:30:00, from 00:00:01 to 30 days, not '{value}' (SES-6)"),
        _ => new(null, $"unknown profile setting '{setting}'; known settings: {string.Join(", ", SettingNames)}"),
    };

    public IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["pausedParameter"] = PausedParameter == PausedParameterReading.Strict ? "strict" : JaxRsLenientName,
        ["invalidDirectionStatus"] = InvalidDirectionStatus.ToString(CultureInfo.InvariantCulture),
        ["sessionIdleTimeout"] = SessionIdleTimeout.ToString("c", CultureInfo.InvariantCulture),
    };

    private static PausedParameterReading? ParseReading(string value) => value.ToUpperInvariant() switch
    {
        "STRICT" => PausedParameterReading.Strict,
        "JAXRS-LENIENT" => PausedParameterReading.JaxRsLenient,
        _ => null,
    };

    // SES-6: below a second every session would expire before its next request (1e-300 minutes is zero ticks);
    // above 30 days a session would outlive any test run and only cost memory.
    private static TimeSpan? ParseTimeout(string value)
    {
        TimeSpan? span = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes)
            ? minutes >= MinSessionIdleTimeout.TotalMinutes && minutes <= MaxSessionIdleTimeout.TotalMinutes ? TimeSpan.FromMinutes(minutes) : null
            : TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        return span >= MinSessionIdleTimeout && span <= MaxSessionIdleTimeout ? span : null;
    }
}
