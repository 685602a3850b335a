using PauseResume.Simulator.Json;
using PauseResume.Simulator.Time;

namespace PauseResume.Simulator.Http;

/// <summary>The control API of the simulator's clock: read it, switch its mode, move it when manual.</summary>
internal static class ClockApi
{
    public const string ClockPath = "/clock";
    public const string AdvancePath = "/clock/advance";
    private const string Plain = "text/plain";

    public static RouteGroupBuilder MapClockApi(this RouteGroupBuilder control)
    {
        control.MapGet(ClockPath, GetClock).WithSummary("the simulator's clock: mode, pace (simulated seconds per second; 0 when manual) and time")
            .Produces<ClockJson>();
        control.MapPut(ClockPath, SetClockAsync).WithSummary("switch the clock to real, scaled (with a scale) or manual; the time goes on from where it stands")
            .WithMetadata(new JsonBody(typeof(ClockChangeJson))).Produces<ClockJson>().Produces<string>(400, Plain);
        control.MapPost(AdvancePath, AdvanceAsync).WithSummary("move a manual clock on by some seconds, firing what falls due on the way in time order; refused (409) when the traffic would start more than a million calls on the way")
            .WithMetadata(new JsonBody(typeof(AdvanceJson))).Produces<ClockJson>().Produces<string>(400, Plain).Produces<string>(409, Plain);
        return control;
    }

    private static IResult GetClock(SimulatorClock clock) => Results.Json(ClockJson.From(clock), SimulatorJsonContext.Answers.ClockJson);

    private static async Task<IResult> SetClockAsync(HttpRequest request, SimulatorClock clock)
    {
        var body = await ControlApi.ReadAsync(request, SimulatorJsonContext.Answers.ClockChangeJson).ConfigureAwait(false);
        if (body.Refusal is not null)
        {
            return body.Refusal;
        }

        var setting = body.Value?.ToSetting("clock") ?? Checked<ClockSetting>.Fail(body.Error!);
        if (setting.Error is not null)
        {
            return ControlApi.BadRequest(setting.Error);
        }

        clock.Set(setting.Value!);
        return GetClock(clock);
    }

    private static async Task<IResult> AdvanceAsync(HttpRequest request, SimulatorClock clock, Traffic.TrafficGenerator traffic)
    {
        var body = await ControlApi.ReadAsync(request, SimulatorJsonContext.Answers.AdvanceJson).ConfigureAwait(false);
        if (body.Refusal is not null)
        {
            return body.Refusal;
        }

        string? error = body.Error;
        var by = body.Value?.ToTimeSpan(out error);
        if (by is null)
        {
            return ControlApi.BadRequest(error!);
        }

        // Refused before it starts: once under way, an advance cannot be stopped part way without leaving the world between two times.
        if (clock.Setting.Mode == ClockMode.Manual && traffic.PeakCallsWithin(by.Value) is var calls && calls > AdvanceJson.MaxCalls)
        {
            var most = AdvanceJson.MaxCalls / calls * by.Value.TotalSeconds;
            return ControlApi.Text(StatusCodes.Status409Conflict, FormattableString.Invariant(
                $"the traffic would start about {calls:0} calls in {by.Value.TotalSeconds:0.###} s, more than the {AdvanceJson.MaxCalls:0} one advance may start: advance at most {Math.Floor(most):0} s at a time at this rate"));
        }

        return clock.Advance(by.Value)
            ? GetClock(clock)
            : ControlApi.Text(StatusCodes.Status409Conflict, $"the clock is {clock.Setting.ModeName}: only a manual clock is advanced (PUT /simulator/clock {{\"mode\":\"manual\"}} first)");
    }
}
