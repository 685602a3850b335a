using System.Globalization;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Time;

/// <summary>A mode of the simulator's clock; <see cref="Scale"/> counts only when scaled.</summary>
public sealed record ClockSetting(ClockMode Mode, double Scale = 1)
{
    /// <summary>Beyond this a scaled clock would pass a day of sessions in well under a host's second, which no host timer can follow.</summary>
    public const double MaxScale = 100_000;

    /// <summary>
    /// Below this a scaled clock all but stands still (1e-300 was taken, and no session ever expired, SES-6): a clock that
    /// stands still is the manual one. At this scale a simulated second passes every 100 s of the host.
    /// </summary>
    public const double MinScale = 0.01;

    public static ClockSetting Real { get; } = new(ClockMode.Real);

    public static ClockSetting Manual { get; } = new(ClockMode.Manual);

    /// <summary>The wire name of a mode: real, scaled, manual.</summary>
    public string ModeName => Mode.ToString().ToLowerInvariant();

    /// <summary>What makes this setting one the clock cannot run, or null.</summary>
    public string? Problem() =>
        !Enum.IsDefined(Mode) ? $"mode must be real, scaled or manual, not {(int)Mode}"
        : Mode == ClockMode.Scaled && !(Scale >= MinScale && Scale <= MaxScale)
            ? $"scale must be a number from {MinScale.ToString(CultureInfo.InvariantCulture)} to {MaxScale:0} (a clock that stands still is mode manual), not {Scale.ToString(CultureInfo.InvariantCulture)}"
        : null;

    /// <summary>Reads <c>real</c>, <c>manual</c> or <c>scaled:N</c> (the command line's <c>--clock</c>).</summary>
    public static Checked<ClockSetting> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', 2);
        var mode = Named(parts[0]);
        if (mode is null || (mode == ClockMode.Scaled) != (parts.Length == 2))
        {
            return Checked<ClockSetting>.Fail($"the clock is real, manual or scaled:N (N simulated seconds per second, from {MinScale.ToString(CultureInfo.InvariantCulture)} to {MaxScale:0}), not '{text}'");
        }

        if (mode != ClockMode.Scaled)
        {
            return Checked<ClockSetting>.Ok(new ClockSetting(mode.Value));
        }

        return Of(mode.Value, double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) ? scale : double.NaN);
    }

    /// <summary>A setting from its wire name and scale (JSON), or what is wrong with them.</summary>
    public static Checked<ClockSetting> Of(string? modeName, double? scale)
    {
        var mode = Named(modeName);
        if (mode is null)
        {
            return Checked<ClockSetting>.Fail($"mode must be real, scaled or manual, not '{modeName}'");
        }

        if (scale is not null && mode != ClockMode.Scaled)
        {
            return Checked<ClockSetting>.Fail($"scale is for mode scaled only; mode {modeName} runs at {(mode == ClockMode.Real ? "the host's pace" : "the pace it is advanced")}");
        }

        if (mode == ClockMode.Scaled && scale is null)
        {
            return Checked<ClockSetting>.Fail("mode scaled needs a scale (simulated seconds per second of the host)");
        }

        return Of(mode.Value, scale ?? 1);
    }

    private static Checked<ClockSetting> Of(ClockMode mode, double scale)
    {
        var setting = new ClockSetting(mode, mode == ClockMode.Scaled ? scale : 1);
        return setting.Problem() is { } problem ? Checked<ClockSetting>.Fail(problem) : Checked<ClockSetting>.Ok(setting);
    }

    private static ClockMode? Named(string? name) => name switch
    {
        "real" => ClockMode.Real,
        "scaled" => ClockMode.Scaled,
        "manual" => ClockMode.Manual,
        _ => null,
    };
}
