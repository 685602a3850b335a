using System.Text.Json.Nodes;
using PauseResume.Conformance.Profiles;

namespace PauseResume.Conformance.Probe;

/// <summary>How the probe writes down what it found: a value observed, assumed, or a default kept, each with how, and a line for a person to check.</summary>
internal sealed partial class Prober
{
    /// <summary>A line of the summary that asks a person to check the recorder: the probe then exits 5, as an audit that could not check a couple does.</summary>
    private void ByHand(string line)
    {
        summary.Add(line);
        byHand.Add(line);
    }

    private void Observe(string setting, string? value, string how)
    {
        if (value is null || profile.With(setting, value) is not { Profile: { } changed })
        {
            Kept(setting, $"what was seen fits no value: {how}");
            return;
        }

        profile = changed;
        observations[setting] = new JsonObject { ["value"] = value, ["observed"] = true, ["how"] = how };
        summary.RemoveAll(line => line.StartsWith(setting + " = ", StringComparison.Ordinal)); // a later, closer look replaces an earlier one
        summary.Add($"{setting} = {(value.Length == 0 ? "''" : value)}   observed: {how}");
    }

    /// <summary>
    /// A value the answers fit but do not prove (another cause would answer the same): the profile takes it, and the file
    /// says it was not observed, so a run that meets a difference may still name another value.
    /// </summary>
    private void Assumed(string setting, string value, string why)
    {
        profile = profile.With(setting, value).Profile ?? throw new ArgumentException($"{value} is no value of {setting}", nameof(value));
        observations[setting] = new JsonObject { ["value"] = value, ["observed"] = false, ["proven"] = false, ["how"] = why };
        summary.Add($"{setting} = {value}   not proven: {why}");
    }

    /// <summary>pausedLocation and repeatedPaused are probed together, after pausedParameter, or not at all.</summary>
    private void KeptWhereAndWhich(string why)
    {
        Kept(ProfileSettings.PausedLocation, why);
        Kept(ProfileSettings.RepeatedPaused, why);
    }

    /// <summary>The value the probe observed for <paramref name="setting"/>, or null where it kept the default or told nothing.</summary>
    private string? ObservedValue(string setting) =>
        observations[setting] is JsonObject seen && seen["observed"]?.GetValue<bool>() == true ? seen["value"]?.GetValue<string>() : null;

    private void Kept(string setting, string why)
    {
        // A value taken earlier without proof (Assumed) that later answers contradict goes back to the default.
        if (observations[setting] is JsonObject taken && taken["proven"]?.GetValue<bool>() == false)
        {
            profile = profile.With(setting, KitProfile.Default[setting]).Profile!;
            summary.RemoveAll(line => line.StartsWith(setting + " = ", StringComparison.Ordinal));
        }

        observations[setting] = new JsonObject { ["value"] = profile[setting], ["observed"] = false, ["how"] = why };
        summary.Add($"{setting} = {(profile[setting].Length == 0 ? "''" : profile[setting])}   default kept: {why}");
    }
}
