using System.Text.Json;

namespace PauseResume.Simulator.Json;

/// <summary>One set of JSON options for the control API and world files: camelCase, unknown members refused.</summary>
public static class JsonDefaults
{
    /// <summary>
    /// The options of the simulator's generated JSON metadata (<c>SimulatorJsonContext</c>): they serve the simulator's
    /// own JSON types without reflection, which a Native AOT build does not have.
    /// </summary>
    public static JsonSerializerOptions Options => SimulatorJsonContext.Default.Options;
}
