using Microsoft.Extensions.Options;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves the simulated recorder registered with <c>AddRecorderSimulator</c>.</summary>
public static class SimulatorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the recorder's legacy API under <c>/callrec</c> and, unless turned off, the control API under
    /// <c>/simulator</c>, every request logged with the rule that decided it. No global fallback: each API answers its own
    /// unknown paths (GEN-1), anything else stays the host's.
    /// </summary>
    /// <returns>The group holding both APIs, for the host's own conventions (authorization, rate limits, metadata).</returns>
    public static RouteGroupBuilder MapRecorderSimulator(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        var bodies = endpoints.ServiceProvider.GetRequiredService<RequestBodies>();
        var simulator = endpoints.MapGroup(string.Empty)
            .AddEndpointFilter((context, next) =>
            {
                bodies.Guard(context.HttpContext); // GEN-3: what bodies being read may hold, and how long they may take
                return next(context);
            })
            .AddEndpointFilter(new RequestLogFilter())
            .AddEndpointFilter(HeadWithoutBody)
            .WithMetadata(new BodySizeLimit(SimulatorOptions.MaxRequestBodyBytes))
            .WithFormOptions(valueCountLimit: 256, valueLengthLimit: 64 * 1024, keyLengthLimit: 1024);
        simulator.MapGroup(string.Empty).AddEndpointFilter(new FaultFilter()).MapLegacyApi(); // faults meet the legacy API only
        simulator.MapControlApi(options.Control);
        return simulator;
    }

    /// <summary>
    /// GEN-2: the answer to a HEAD is the GET's without its body. Kestrel never sends a HEAD's body, but an in-process
    /// host (TestHost) hands it to the client, which no real recorder's client would ever see.
    /// </summary>
    private static ValueTask<object?> HeadWithoutBody(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // Ordinal: a method's name is case-sensitive, so a "head" is no HEAD, and Kestrel sends its body (GEN-2).
        if (context.HttpContext.Request.Method == HttpMethods.Head)
        {
            context.HttpContext.Response.Body = Stream.Null;
        }

        return next(context);
    }
}
