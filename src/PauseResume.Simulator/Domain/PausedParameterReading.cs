namespace PauseResume.Simulator.Domain;

/// <summary>How the pausedState resource reads its <c>paused</c> parameter (PSE-2).</summary>
public enum PausedParameterReading
{
    /// <summary>Missing or non-boolean <c>paused</c> is a 400 that names the mistake.</summary>
    Strict,

    /// <summary>As a Java JAX-RS server reads a boolean: missing or anything but "true" (any case) is false.</summary>
    JaxRsLenient,
}
