using Microsoft.AspNetCore.WebUtilities;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Faults;
using PauseResume.Simulator.Time;

namespace PauseResume.Simulator.Http;

/// <summary>
/// Puts the faults switched on between a legacy request and its handler. Before the handler: latency waits on the
/// simulator's clock (bounded by the request's abort), a restart ends every session, status and maintenance answer instead
/// of the handler (nothing happens). After the decision, whose rule is then known: rule-scoped latency waits, abort and
/// truncate cut the answer of a request that took effect. No fault changes state a handler would not have changed.
/// </summary>
internal sealed class FaultFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var faults = http.RequestServices.GetRequiredService<FaultInjector>();
        if (!faults.Any)
        {
            return await next(context).ConfigureAwait(false);
        }

        var recorder = http.RequestServices.GetRequiredService<Recorder>();
        var time = http.RequestServices.GetRequiredService<SimulatorClock>();
        var path = http.Request.Path.Value ?? string.Empty;
        var user = faults.ScopedByUser ? await UserAsync(http, recorder).ConfigureAwait(false) : null;
        foreach (var hit in faults.Before(path, user))
        {
            switch (hit.Fault.Kind)
            {
                case FaultKind.Latency when !await WaitAsync(http, time, hit, "the request was not handled").ConfigureAwait(false):
                    return Results.Empty;
                case FaultKind.Restart:
                    FaultNote.Hit(http, hit.Fault, $"the recorder restarted before this request: {recorder.EndAllSessions()} session(s) ended");
                    break;
                case FaultKind.Status:
                    return Answer(http, hit, hit.Fault.Status, "answered instead of the handler; the request was not handled");
                case FaultKind.Maintenance:
                    return Answer(http, hit, StatusCodes.Status503ServiceUnavailable, $"in maintenance until {hit.Until:O}; the request was not handled");
            }
        }

        var result = await next(context).ConfigureAwait(false);
        user = AuditNote.Of(http)?.Login ?? user;
        foreach (var hit in faults.After(path, user, Decision.Of(http)?.Rule))
        {
            switch (hit.Fault.Kind)
            {
                case FaultKind.Latency when !await WaitAsync(http, time, hit, "the request took effect").ConfigureAwait(false):
                    return Results.Empty;
                case FaultKind.Abort:
                    FaultNote.Hit(http, hit.Fault, "the connection was cut before the answer; the request took effect");
                    return FaultAnswers.Aborted();
                case FaultKind.Truncate:
                    FaultNote.Hit(http, hit.Fault, "the answer was cut part way; the request took effect");
                    return FaultAnswers.Truncated((result as IResult) ?? Results.Empty);
            }
        }

        return result;
    }

    private static async Task<bool> WaitAsync(HttpContext http, TimeProvider time, FiredFault hit, string outcome)
    {
        var ms = (long)hit.Delay.TotalMilliseconds;
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, hit.Off);
        try
        {
            await Task.Delay(hit.Delay, time, ends.Token).ConfigureAwait(false);
            FaultNote.Hit(http, hit.Fault, $"answered {ms} ms late");
            return true;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            FaultNote.Hit(http, hit.Fault, $"the client went away during the {ms} ms delay; {outcome}", StatusCodes.Status499ClientClosedRequest);
            return false;
        }
        catch (OperationCanceledException) when (hit.Off.IsCancellationRequested)
        {
            // Switched off while the request waited: it is answered now, as it would be without the fault.
            FaultNote.Hit(http, hit.Fault, $"its {ms} ms delay was cut short when the fault was switched off");
            return true;
        }
    }

    private static IResult Answer(HttpContext http, FiredFault hit, int status, string what)
    {
        FaultNote.Hit(http, hit.Fault, what, status);
        return Results.Text((hit.Fault.Body ?? ReasonPhrases.GetReasonPhrase(status)) + "\n", "text/plain", System.Text.Encoding.UTF8, status);
    }

    // The user a request is for: its session's, or for a login the login field (the form is cached for the handler).
    private static async Task<string?> UserAsync(HttpContext http, Recorder recorder)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Path.Equals(LegacyApi.LoginPath, StringComparison.OrdinalIgnoreCase))
        {
            return recorder.LoginOf(SessionCookie.Read(http.Request));
        }

        var parameters = await Parameters.ReadAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        return LoginFields.Read(parameters, recorder.Profile.LoginParameters).Login;
    }
}
