using Microsoft.AspNetCore.Http.HttpResults;

namespace PauseResume.Simulator.Http;

/// <summary>
/// The one place a request's log line is written, for every endpoint the simulator maps: a legacy request with the
/// rule its handler decided by (and into the client audit), a control request with its status and, when refused, why.
/// </summary>
internal sealed class RequestLogFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        object? result;
        try
        {
            result = await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (LoggedAsFailure(http, e))
        {
            throw; // never reached: the filter logs and lets the exception go on to the host's 500
        }

        // The dashboard's own requests are not logged, but a refused token is: guesses at it leave a trace.
        if (http.GetEndpoint()?.Metadata.GetMetadata<NotLogged>() is not null && (result as IStatusCodeHttpResult)?.StatusCode != StatusCodes.Status401Unauthorized)
        {
            return result;
        }

        var log = http.RequestServices.GetRequiredService<RequestLog>();
        if (Decision.Of(http) is { } decision)
        {
            log.Decided(http, decision.Status, decision.Why, decision.Rule);
        }
        else if (FaultNote.Of(http) is { Answer: { } answered } fault)
        {
            log.Faulted(http, answered, fault.Why); // a fault answered instead of the recorder: no rule decided it
        }
        else
        {
            var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
            // A refusal's body is one line saying why; an answer's body (a document, a report) is no reason for the log.
            var why = status >= 400 && result is ContentHttpResult { ResponseContent: { } text } ? text.Trim() : Endpoint(http);
            log.Controlled(http, status, why);
        }

        return result;
    }

    /// <summary>
    /// GEN-3: a request whose handler or filters end in an exception (the simulator's own fault) is answered 500 by the
    /// host; it still gets its line, where its endpoint is one the log keeps, so the log, the dashboard and the request
    /// count never leave it out. (An exception while the result is written, or in a host's middleware, is past this
    /// filter.) False: the exception goes on.
    /// </summary>
    private static bool LoggedAsFailure(HttpContext http, Exception e)
    {
        if ((e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested) && http.GetEndpoint()?.Metadata.GetMetadata<NotLogged>() is null)
        {
            http.RequestServices.GetRequiredService<RequestLog>().Faulted(http, StatusCodes.Status500InternalServerError, $"the simulator failed ({e.GetType().Name}): no request should make it fail (GEN-3)");
        }

        return false;
    }

    /// <summary>What the endpoint did, from its handler's name: <c>StartCall</c> is "start call".</summary>
    private static string Endpoint(HttpContext context)
    {
        var name = context.GetEndpoint()?.DisplayName;
        var handler = name?.LastIndexOf("=> ", StringComparison.Ordinal) is >= 0 and var at ? name[(at + 3)..].Trim() : null;
        return string.IsNullOrEmpty(handler) ? "answered"
            : string.Concat(handler.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }
}
