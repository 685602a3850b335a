using System.Globalization;
using Microsoft.AspNetCore.Routing.Patterns;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Http;

/// <summary>
/// Where the links of a list or details document start (LST-5, DET-2): the scheme, host and port the client used (or the
/// profile's linkOrigin, a name of the recorder's own, or nothing under linkOrigin=relative), then
/// the path the simulator is mounted under, by <c>UsePathBase</c> (the request's path base) or by a route group
/// (<c>MapGroup("/recorder").MapRecorderSimulator()</c>: the segments of the request's path before the legacy path).
/// </summary>
internal static class LinkOrigin
{
    private static readonly int CouplesPathSegments = SegmentsOf(LegacyApi.CouplesPath);
    private static readonly int CouplePathSegments = SegmentsOf(LegacyApi.CouplePath);
    private static readonly int SessionPathSegments = SegmentsOf(LegacyApi.LoginPath); // logout's too

    public static string OfList(HttpContext context, RecorderProfile profile) => Of(context, profile, CouplesPathSegments);

    public static string OfDetails(HttpContext context, RecorderProfile profile) => Of(context, profile, CouplePathSegments);

    /// <summary>
    /// The path of the session cookie of a login or logout (SES-4): the web application's, <c>/callrec</c>, under the
    /// mount, so a client's cookie store sends it to the simulator's legacy paths wherever the host mounted them.
    /// </summary>
    public static string OfSessionCookie(HttpContext context) => OfSessionCookie(context, SessionPathSegments);

    /// <summary>As <see cref="OfSessionCookie(HttpContext)"/>, for an answer of an endpoint whose legacy route has <paramref name="legacySegments"/> segments.</summary>
    public static string OfSessionCookie(HttpContext context, int legacySegments) => Mount(context, legacySegments).Add("/callrec").ToUriComponent();

    /// <summary>
    /// Whether the request's path names the web application as written, <c>callrec</c> right after the mount (Tomcat
    /// routes <c>/CALLREC/...</c> to another application), for an endpoint whose legacy route has <paramref name="legacySegments"/> segments.
    /// </summary>
    public static bool NamesContextAsWritten(HttpContext context, int legacySegments)
    {
        var groupSegments = GroupSegments(context, legacySegments);
        var segments = (context.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length > groupSegments && string.Equals(segments[groupSegments], "callrec", StringComparison.Ordinal);
    }

    /// <summary>The segments of the route group's prefix the endpoint stands under (none at the root of its route table).</summary>
    private static int GroupSegments(HttpContext context, int legacySegments) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern is { } pattern ? Math.Max(0, pattern.PathSegments.Count - legacySegments) : 0;

    /// <summary>The segments of a legacy route (its own, without a group's prefix).</summary>
    public static int SegmentsOf(string legacyPattern) => RoutePatternFactory.Parse(legacyPattern).PathSegments.Count;

    private static string Of(HttpContext context, RecorderProfile profile, int legacySegments)
    {
        if (profile.LinkOrigin == RecorderProfile.RelativeLinkOrigin)
        {
            return Mount(context, legacySegments).ToUriComponent(); // a path from the root: "/callrec/..." follows
        }

        if (profile.LinkOrigin != RecorderProfile.RequestLinkOrigin)
        {
            return profile.LinkOrigin + Mount(context, legacySegments).ToUriComponent(); // linkOrigin: a name of its own
        }

        var request = context.Request;
        var host = RequestHost.Of(request) is { HasValue: true } named ? named : Reached(context.Connection);
        return string.Create(CultureInfo.InvariantCulture, $"{request.Scheme}://{host.ToUriComponent()}{Mount(context, legacySegments).ToUriComponent()}");
    }

    // HTTP/1.0 needs no Host header: Tomcat then names the address the connection reached, never an empty host (http:///).
    private static HostString Reached(ConnectionInfo connection) =>
        connection.LocalIpAddress is { } ip ? new HostString(ip.ToString(), connection.LocalPort) : new HostString("localhost");

    private static PathString Mount(HttpContext context, int legacySegments)
    {
        var request = context.Request;
        var groupSegments = GroupSegments(context, legacySegments);
        return groupSegments == 0 ? request.PathBase // mounted at the root of its route table: nothing to take from the path
            : request.PathBase.Add(new PathString(string.Concat(request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries).Take(groupSegments).Select(segment => "/" + segment))));
    }
}
