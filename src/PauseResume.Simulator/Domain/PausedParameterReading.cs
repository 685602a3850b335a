namespace PauseResume.Simulator.Domain;

/// <summary>How the pausedState resource reads its <c>paused</c> parameter (PSE-2).</summary>
public enum PausedParameterReading
{
    /// <summary>Missing or non-boolean <c>paused</c> is a 400 that names the mistake.</summary>
    Strict,

    /// <summary>As a Java JAX-RS server reads a boolean: missing or anything but "true" (any case) is false.</summary>
    JaxRsLenient,

    /// <summary>
    /// As Spring MVC binds a required boolean request parameter: <c>true</c>, <c>on</c>, <c>yes</c> and <c>1</c> are true,
    /// <c>false</c>, <c>off</c>, <c>no</c> and <c>0</c> false (trimmed, in any case); missing, empty or anything else is a 400.
    /// </summary>
    Spring,
}
