using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Json;

namespace PauseResume.Conformance.Cli;

/// <summary>Reads a behaviour profile file (as --probe writes it and the simulator loads it).</summary>
internal static class ProfileFile
{
    public static RecorderProfile Read(string path)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            var profile = ProfileJson.Read(document.RootElement.Clone(), RecorderProfile.Default);
            return profile.Value ?? throw new FormatException($"{path}: {profile.Error}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            throw new FormatException($"{path}: cannot be read as a profile: {e.Message}");
        }
    }
}
