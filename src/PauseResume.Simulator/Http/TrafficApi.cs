using PauseResume.Simulator.Json;
using PauseResume.Simulator.Traffic;

namespace PauseResume.Simulator.Http;

/// <summary>The control API of the call-centre traffic: read it, change or start it, stop it.</summary>
internal static class TrafficApi
{
    public const string TrafficPath = "/traffic";
    private const string Plain = "text/plain";

    public static RouteGroupBuilder MapTrafficApi(this RouteGroupBuilder control)
    {
        control.MapGet(TrafficPath, GetTraffic).WithSummary("the traffic's settings, whether it runs, and the couples it started and ended")
            .Produces<TrafficJson>();
        control.MapPut(TrafficPath, ChangeTrafficAsync).WithSummary("change any traffic settings, start it (running: true) or stop it; the rest is kept")
            .WithMetadata(new JsonBody(typeof(TrafficChangeJson))).Produces<TrafficJson>().Produces<string>(400, Plain);
        control.MapDelete(TrafficPath, StopTraffic).WithSummary("stop the traffic: no new calls; calls under way end at their scheduled time")
            .Produces(204);
        return control;
    }

    private static IResult GetTraffic(TrafficGenerator traffic) => Results.Json(TrafficJson.From(traffic.Status), SimulatorJsonContext.Answers.TrafficJson);

    private static async Task<IResult> ChangeTrafficAsync(HttpRequest request, TrafficGenerator traffic)
    {
        var body = await ControlApi.ReadAsync(request, SimulatorJsonContext.Answers.TrafficChangeJson).ConfigureAwait(false);
        if (body.Refusal is not null)
        {
            return body.Refusal;
        }

        var settings = body.Value?.ApplyTo(traffic.Status.Settings, "traffic") ?? Checked<TrafficSettings>.Fail(body.Error!);
        if (settings.Error is not null)
        {
            return ControlApi.BadRequest(settings.Error);
        }

        traffic.Apply(settings.Value!);
        return GetTraffic(traffic);
    }

    private static IResult StopTraffic(TrafficGenerator traffic)
    {
        traffic.Stop();
        return Results.NoContent();
    }
}
