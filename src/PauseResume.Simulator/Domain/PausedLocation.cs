namespace PauseResume.Simulator.Domain;

/// <summary>Where the pausedState resource reads its <c>paused</c> parameter (PSE-3, inferred: the vendor does not say).</summary>
public enum PausedLocation
{
    /// <summary>The form body of a POST or a PUT, and the query string.</summary>
    FormAndQuery,

    /// <summary>The form body only (POST or PUT), as a JAX-RS <c>@FormParam</c> reads it.</summary>
    Form,

    /// <summary>The query string only, as a JAX-RS <c>@QueryParam</c> reads it.</summary>
    Query,

    /// <summary>The query string, and the form body of a POST only, as a servlet container parses bodies.</summary>
    PostFormAndQuery,
}
