namespace PauseResume.Simulator.Domain;

/// <summary>
/// Whether a path of the API spelled in another case is served (GEN-1 is inferred: Tomcat maps the <c>/callrec</c>
/// context and JAX-RS its <c>@Path</c> templates as written, so a Java recorder answers such a path as unknown).
/// </summary>
public enum PathCase
{
    /// <summary>Only the paths as written are the API's: <c>/callrec/restful/Couples.xml</c> is an unknown path.</summary>
    Exact,

    /// <summary>Paths are matched in any case, as a server whose routing ignores case would.</summary>
    Any,
}
