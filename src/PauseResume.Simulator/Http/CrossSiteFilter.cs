namespace PauseResume.Simulator.Http;

/// <summary>
/// The control API answers the simulator's own pages and programs that send no <c>Origin</c> (curl, a test, the kit),
/// never a page of another site: without a token, any page open in the developer's browser could otherwise post to it
/// (a form or a <c>fetch</c> needs no preflight) and add users, switch faults on or reset the world.
/// </summary>
internal sealed class CrossSiteFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var origin = request.Headers.Origin.FirstOrDefault();
        var site = request.Headers["Sec-Fetch-Site"].FirstOrDefault();
        var own = $"{request.Scheme}://{request.Host}";
        if ((origin is null || string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)) && site is null or "same-origin" or "none")
        {
            return next(context);
        }

        return ValueTask.FromResult<object?>(Results.Text(
            $"the control API answers no page of another site (Origin: {ClientText.Escaped(ClientText.Cut(origin ?? "none", 100))}, Sec-Fetch-Site: {ClientText.Escaped(ClientText.Cut(site ?? "none", 40))})\n",
            "text/plain", statusCode: StatusCodes.Status403Forbidden));
    }
}
