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
        var result = await next(context).ConfigureAwait(false);
        var http = context.HttpContext;
        if (http.GetEndpoint()?.Metadata.GetMetadata<NotLogged>() is not null)
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
            var why = result is ContentHttpResult { ResponseContent: { } text } ? text.Trim() : Endpoint(http);
            log.Controlled(http, status, why);
        }

        return result;
    }

    private static string Endpoint(HttpContext context) => context.GetEndpoint()?.DisplayName ?? "answered";
}
