namespace PauseResume.Simulator.Json;

/// <summary>How far to move a manual clock: a positive number of seconds, fractions allowed.</summary>
public sealed record AdvanceJson(double? Seconds)
{
    /// <summary>Past this one request would fire timers for longer than any client waits; advance in steps.</summary>
    public const double MaxSeconds = 7 * 86_400;

    /// <summary>
    /// Past this many calls expected at the traffic's peak rate, one request would start and end calls for minutes, its
    /// memory growing all the while; such an advance is refused, to be made in steps.
    /// </summary>
    public const double MaxCalls = 1_000_000;

    public TimeSpan? ToTimeSpan(out string? error)
    {
        error = Seconds is not { } seconds ? "seconds: required (how far to move the clock, above 0)"
            : !(seconds > 0 && seconds <= MaxSeconds) ? $"seconds must be above 0 and at most {MaxSeconds:0} (a week), not {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : null;
        return error is null ? TimeSpan.FromTicks((long)(Seconds!.Value * TimeSpan.TicksPerSecond)) : null;
    }
}
