namespace PauseResume.Simulator.Domain;

/// <summary>
/// LST-1, DET-1: the media type the list and details documents are served as. A JAX-RS resource names it in its
/// <c>@Produces</c>: <c>application/xml</c> or, as often, <c>text/xml</c>; a client reads the XML the same.
/// </summary>
public enum DocumentMediaType
{
    /// <summary><c>application/xml</c>.</summary>
    ApplicationXml,

    /// <summary><c>text/xml</c>.</summary>
    TextXml,
}
