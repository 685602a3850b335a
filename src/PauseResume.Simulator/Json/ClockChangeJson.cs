using PauseResume.Simulator.Time;

namespace PauseResume.Simulator.Json;

/// <summary>A clock mode to switch to, in a <c>PUT /simulator/clock</c> body or a world file's <c>clock</c>: real, manual, or scaled with a scale.</summary>
public sealed record ClockChangeJson(string? Mode, double? Scale = null)
{
    public Checked<ClockSetting> ToSetting(string at)
    {
        var setting = ClockSetting.Of(Mode, Scale);
        return setting.Error is null ? setting : Checked<ClockSetting>.Fail($"{at}: {setting.Error}");
    }
}
