using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Hosting;

/// <summary>What a simulated recorder starts from; bound once, validated when the host starts.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Requests larger than this are refused before they reach the API (bad input never costs memory).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// The users, calls and profile the recorder starts from, which an empty <c>POST /simulator/reset</c> returns to.
    /// Required, so a host says which it wants: <see cref="World.Empty"/> or <see cref="Worlds.DefaultWorld.Create"/>.
    /// </summary>
    public World? World { get; set; }

    /// <summary>Whether the <c>/simulator</c> control API is served, and the token it then requires.</summary>
    public ControlOptions Control { get; set; } = new();

    /// <summary>The faults switched on from the start (off by default); the control API and FakeRecorder switch them at run time.</summary>
    public IList<Faults.Fault> Faults { get; set; } = [];

    /// <summary>Where session ids come from; null: a cryptographic generator (the only choice outside tests).</summary>
    public SessionIds? SessionIds { get; set; }
}
