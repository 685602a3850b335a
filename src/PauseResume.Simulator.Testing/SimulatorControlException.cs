namespace PauseResume.Simulator.Testing;

/// <summary>The control API refused a request; <see cref="Exception.Message"/> is the simulator's reason.</summary>
public sealed class SimulatorControlException(int status, string message) : Exception(message)
{
    /// <summary>The HTTP status of the refusal (400 bad body, 401 missing token, 404 unknown couple, 413 body too large).</summary>
    public int Status { get; } = status;
}
