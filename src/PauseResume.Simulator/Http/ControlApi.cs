using System.Text.Json;
using PauseResume.Simulator.Audit;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Hosting;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Http;

/// <summary>The simulator's own JSON control API, kept apart from <c>/callrec</c>, for tests in any language.</summary>
public static class ControlApi
{
    public const string Root = "/simulator";
    public const string CallsPath = "/calls";
    public const string CallPath = "/calls/{coupleId}";
    public const string UsersPath = "/users";
    public const string ResetPath = "/reset";
    public const string ProfilePath = "/profile";
    public const string LogPath = "/log";
    public const string AuditPath = "/audit";
    public const string UnknownPath = "/{**rest}";
    public const string TokenHeader = "X-Simulator-Token";

    public static IEndpointRouteBuilder MapControlApi(this IEndpointRouteBuilder app, ControlOptions options)
    {
        if (!options.Enabled)
        {
            return app;
        }

        var control = app.MapGroup(Root).AddEndpointFilter(new ControlTokenFilter(options.Token));
        control.MapGet(CallsPath, ListCalls);
        control.MapPost(CallsPath, StartCall);
        control.MapGet(CallPath, GetCall);
        control.MapDelete(CallPath, EndCall);
        control.MapGet(UsersPath, ListUsers);
        control.MapPost(UsersPath, PutUser);
        control.MapPost(ResetPath, Reset);
        control.MapGet(ProfilePath, GetProfile);
        control.MapMethods(ProfilePath, ["PATCH", "PUT"], ChangeProfile);
        control.MapGet(LogPath, (RequestLog log) => Results.Json(log.Lines, JsonDefaults.Options));
        control.MapGet(AuditPath, (ClientAudit audit) => Results.Json(AuditJson.From(audit.Report()), JsonDefaults.Options));
        control.Map(UnknownPath, (HttpRequest request) => NotFound($"the control API has no {request.Method} {request.Path}")).WithOrder(1);
        return app;
    }

    // ?ended is read by hand: a failed binding of bool? would be a 400 with an empty body.
    private static IResult ListCalls(Recorder recorder, string? ended) =>
        ended is null || bool.TryParse(ended, out _)
            ? Results.Json(recorder.Couples(includeEnded: ended is not null && bool.Parse(ended)).Select(CoupleJson.From), JsonDefaults.Options)
            : BadRequest($"ended must be true or false, not '{ended}'");

    private static async Task<IResult> StartCall(HttpRequest request, Recorder recorder)
    {
        var body = await ReadAsync<CallJson>(request);
        if (body.Refusal is not null)
        {
            return body.Refusal;
        }

        var call = body.Value?.ToNewCall("call") ?? Checked<NewCall>.Fail(body.Error!);
        if (call.Error is not null)
        {
            return BadRequest(call.Error);
        }

        return recorder.TryStartCall(call.Value!) is { } couple
            ? Results.Json(CoupleJson.From(recorder.Find(couple.Id)!), JsonDefaults.Options, statusCode: StatusCodes.Status201Created)
            : Text(StatusCodes.Status409Conflict, $"no couple id or call id is left: ids stop at {long.MaxValue} and never wrap; reset the simulator");
    }

    private static IResult GetCall(Recorder recorder, string coupleId) =>
        CoupleId.Parse(coupleId) is { } id && recorder.Find(id) is { } state
            ? Results.Json(CoupleJson.From(state), JsonDefaults.Options)
            : NotFound($"couple {coupleId} is unknown");

    private static IResult EndCall(Recorder recorder, string coupleId) =>
        CoupleId.Parse(coupleId) is { } id && recorder.EndCall(id) ? Results.NoContent() : NotFound($"couple {coupleId} is not in progress");

    private static IResult ListUsers(Recorder recorder) =>
        Results.Json(recorder.Users().Select(UserJson.From), JsonDefaults.Options);

    private static async Task<IResult> PutUser(HttpRequest request, Recorder recorder)
    {
        var body = await ReadAsync<UserJson>(request);
        if (body.Refusal is not null)
        {
            return body.Refusal;
        }

        var user = body.Value?.ToUser("user") ?? Checked<User>.Fail(body.Error!);
        if (user.Error is not null)
        {
            return BadRequest(user.Error);
        }

        var replaced = recorder.PutUser(user.Value!);
        return Results.Json(UserJson.From(user.Value!), JsonDefaults.Options, statusCode: replaced ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    /// <summary>An empty body resets to the world the simulator started with; a world file's JSON resets to that world.</summary>
    private static async Task<IResult> Reset(HttpRequest request, Recorder recorder, StartWorld start, ClientAudit audit)
    {
        var (body, refusal) = await ControlBody.ReadAsync(request);
        if (refusal is not null)
        {
            return refusal;
        }

        var text = System.Text.Encoding.UTF8.GetString(body!);
        var world = string.IsNullOrWhiteSpace(text) ? Checked<World>.Ok(start.World) : WorldJson.Read(text, "body");
        if (world.Error is not null)
        {
            return BadRequest(world.Error);
        }

        recorder.Reset(world.Value!);
        audit.Clear(); // the sessions the audit followed have ended, and the couples they paused are gone
        return Results.Json(new { users = world.Value!.Users.Count, calls = world.Value.Calls.Count, profile = world.Value.Profile.Name }, JsonDefaults.Options);
    }

    private static IResult GetProfile(Recorder recorder) => Results.Json(ProfileJson.Write(recorder.Profile), JsonDefaults.Options);

    private static async Task<IResult> ChangeProfile(HttpRequest request, Recorder recorder)
    {
        var body = await ReadAsync<JsonElement?>(request);
        if (body.Refusal is not null)
        {
            return body.Refusal;
        }

        var profile = body.Error is null ? ProfileJson.Read(body.Value, recorder.Profile) : Checked<RecorderProfile>.Fail(body.Error);
        if (profile.Error is not null)
        {
            return BadRequest($"profile: {profile.Error}");
        }

        recorder.Profile = profile.Value!;
        return GetProfile(recorder);
    }

    private static async Task<(T? Value, string? Error, IResult? Refusal)> ReadAsync<T>(HttpRequest request)
    {
        var (body, refusal) = await ControlBody.ReadAsync(request);
        if (refusal is not null)
        {
            return (default, null, refusal);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body, JsonDefaults.Options);
            return value is null ? (default, "the body must be a JSON object", null) : (value, null, null);
        }
        catch (JsonException e)
        {
            return (default, $"the body is not valid JSON for this request: {e.Message}", null);
        }
    }

    private static IResult BadRequest(string message) => Text(StatusCodes.Status400BadRequest, message);

    private static IResult NotFound(string message) => Text(StatusCodes.Status404NotFound, message);

    private static IResult Text(int status, string message) => Results.Text(message + "\n", "text/plain", statusCode: status);
}
