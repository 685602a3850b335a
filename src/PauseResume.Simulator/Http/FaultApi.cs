using PauseResume.Simulator.Faults;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Http;

/// <summary>The control API's faults: list them with their counts, switch one on, switch one or all off.</summary>
internal static class FaultApi
{
    public const string FaultsPath = "/faults";
    public const string FaultPath = "/faults/{name}";
    private const string Plain = "text/plain";

    public static RouteGroupBuilder MapFaultApi(this RouteGroupBuilder control)
    {
        control.MapGet(FaultsPath, List).WithSummary("the faults switched on, each with how many requests it has hit")
            .Produces<IReadOnlyList<FaultJson>>();
        control.MapPost(FaultsPath, AddAsync).WithSummary("switch a fault on (legacy API only)").WithMetadata(new JsonBody(typeof(FaultJson)))
            .Produces<FaultJson>(201).Produces<string>(400, Plain).Produces<string>(409, Plain);
        control.MapDelete(FaultPath, Remove).WithSummary("switch one fault off").Produces(204).Produces<string>(404, Plain);
        control.MapDelete(FaultsPath, Clear).WithSummary("switch every fault off").Produces(204);
        return control;
    }

    private static IResult List(FaultInjector faults) => Results.Json(faults.List().Select(FaultJson.From).ToList(), SimulatorJsonContext.Answers.ListFaultJson);

    private static async Task<IResult> AddAsync(HttpRequest request, FaultInjector faults)
    {
        var (body, refusal) = await ControlBody.ReadAsync(request).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (JsonEscapes.NotText(body) is { } half)
        {
            return Text(StatusCodes.Status400BadRequest, $"fault: the body is not valid JSON text: {half}");
        }

        FaultJson? json;
        try
        {
            json = System.Text.Json.JsonSerializer.Deserialize(body, SimulatorJsonContext.Answers.FaultJson);
        }
        catch (System.Text.Json.JsonException e)
        {
            return Text(StatusCodes.Status400BadRequest, $"fault: {JsonProblem.Describe(e, SimulatorJsonContext.Answers.FaultJson)}");
        }

        var fault = json?.ToFault("fault") ?? Checked<Fault>.Fail("the body must be a JSON object: {\"name\": …, \"kind\": …}");
        if (fault.Error is not null)
        {
            return Text(StatusCodes.Status400BadRequest, fault.Error);
        }

        return faults.Add(fault.Value!) switch
        {
            // Another request may switch it off between the two calls: that is its answer then, not a 500.
            FaultAdded.Added => faults.List().FirstOrDefault(f => f.Fault.Name == fault.Value!.Name) is { } added
                ? Results.Json(FaultJson.From(added), SimulatorJsonContext.Answers.FaultJson, statusCode: StatusCodes.Status201Created)
                : Text(StatusCodes.Status201Created, $"fault {fault.Value!.Name} was switched on, and off again by another request before this answer"),
            FaultAdded.NameTaken => Text(StatusCodes.Status409Conflict, $"a fault named {fault.Value!.Name} is on already; DELETE /simulator/faults/{fault.Value.Name} first"),
            FaultAdded.TooMany => Text(StatusCodes.Status409Conflict, $"{FaultInjector.MaxFaults} faults are on already, the most there can be; DELETE /simulator/faults/NAME (or all of them) first"),
            _ => Text(StatusCodes.Status400BadRequest, fault.Value!.Problem() ?? "invalid fault"),
        };
    }

    private static IResult Remove(FaultInjector faults, string name) =>
        faults.Remove(name) ? Results.NoContent() : Text(StatusCodes.Status404NotFound, $"no fault named {name} is on");

    private static IResult Clear(FaultInjector faults)
    {
        faults.Clear();
        return Results.NoContent();
    }

    private static IResult Text(int status, string message) => Results.Text(message + "\n", "text/plain", statusCode: status);
}
