using System.Text.Json;
using System.Text.Json.Serialization;

namespace PauseResume.Simulator.Json;

/// <summary>One set of JSON options for the control API and world files: camelCase, unknown members refused.</summary>
public static class JsonDefaults
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };
}
