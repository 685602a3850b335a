namespace PauseResume.Simulator.Http;

/// <summary>
/// The control API takes changes from the simulator's own pages and from programs that send no <c>Origin</c> (curl, a
/// test, the kit), never from a page of another site: without a token, any page open in the developer's browser could
/// otherwise post to it (a form or a <c>fetch</c> needs no preflight) and add users, switch faults on or reset the world.
/// Reads are left alone (a page of another site cannot read the answer), so a link may open the dashboard. A browser's
/// <c>Sec-Fetch-Site</c> is believed first: behind a proxy that ends TLS or rewrites <c>Host</c>, the page's own
/// <c>Origin</c> differs from the address the simulator sees.
/// </summary>
internal sealed class CrossSiteFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return next(context);
        }

        var origin = request.Headers.Origin.FirstOrDefault();
        var site = request.Headers["Sec-Fetch-Site"].FirstOrDefault();
        var own = site is "same-origin" or "none"
            || (site is null && (origin is null || string.Equals(origin, $"{request.Scheme}://{RequestHost.Of(request).ToUriComponent()}", StringComparison.OrdinalIgnoreCase)));
        return own
            ? next(context)
            : ValueTask.FromResult<object?>(Results.Text(
                $"the control API takes no change from a page of another site (Origin: {ClientText.Escaped(ClientText.Cut(origin ?? "none", 100))}, Sec-Fetch-Site: {ClientText.Escaped(ClientText.Cut(site ?? "none", 40))})\n",
                "text/plain", statusCode: StatusCodes.Status403Forbidden));
    }
}
