using Microsoft.AspNetCore.Routing.Patterns;

namespace PauseResume.Simulator.Http;

/// <summary>
/// GEN-1: a path of the legacy API spelled in another case is an unknown path. ASP.NET Core routes literals in any case,
/// but Tomcat maps the <c>/callrec</c> context and JAX-RS its <c>@Path</c> templates as written, so a real recorder answers
/// <c>/CALLREC/restful/couples.xml</c> or <c>.../pausedState</c> spelled <c>PausedState</c> with its 404 and never takes
/// the pause. Only the endpoint's own template is compared, at the end of the path: a host's mount is the host's.
/// GEN-2: so with the method. Routing matches it in any case too, but a method's name is case-sensitive (RFC 9110) and
/// JAX-RS matches <c>@GET</c> or <c>@POST</c> as written, so <c>get</c>, <c>Head</c> or <c>post</c> is a method the path
/// does not take: never a list, nor a pause. Both are the profile's (pathCase, headMethod): a recorder may route
/// paths in any case, or not take HEAD.
/// </summary>
internal sealed class ExactPathFilter(string template) : IEndpointFilter
{
    // Per segment of the template: its literal, or null for a parameter (coupleId), which routing has matched already.
    private readonly string?[] literals = [.. RoutePatternFactory.Parse(template).PathSegments
        .Select(segment => segment.Parts is [RoutePatternLiteralPart literal] ? literal.Content : null)];

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var recorder = http.RequestServices.GetRequiredService<Domain.Recorder>();
        var profile = recorder.Profile;
        return profile.PathCase == Domain.PathCase.Exact && !SpelledAsTemplate(http.Request.Path)
            ? ValueTask.FromResult<object?>(LegacyApi.UnknownPathIsNotFound(http, recorder))
            : !http.Request.Method.Any(char.IsAsciiLetterLower) && !(http.Request.Method == HttpMethods.Head && profile.HeadMethod == Domain.HeadMethod.NotAllowed)
            ? next(context)
            : ValueTask.FromResult<object?>(LegacyApi.MethodNotAllowed(http, recorder));
    }

    // The path's last segments against the template's, from the end; empty segments (a doubled or trailing slash) are
    // skipped, as routing skips them. No array of segments per request.
    private bool SpelledAsTemplate(PathString path)
    {
        var rest = (path.Value ?? string.Empty).AsSpan();
        for (var i = literals.Length - 1; i >= 0; i--)
        {
            rest = rest.TrimEnd('/');
            if (rest.IsEmpty)
            {
                return true; // fewer segments than the template: routing matched it, nothing is spelled otherwise
            }

            var slash = rest.LastIndexOf('/');
            var segment = rest[(slash + 1)..];
            if (literals[i] is { } literal && !segment.SequenceEqual(literal))
            {
                return false;
            }

            rest = slash < 0 ? [] : rest[..slash];
        }

        return true;
    }
}
