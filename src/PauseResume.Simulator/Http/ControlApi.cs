using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Routing.Template;
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
    private const string Json = "application/json";
    private const string Plain = "text/plain";

    public static IEndpointRouteBuilder MapControlApi(this IEndpointRouteBuilder app, ControlOptions options)
    {
        if (!options.Enabled)
        {
            return app;
        }

        var control = app.MapGroup(Root).AddEndpointFilter(new CrossSiteFilter()).AddEndpointFilter(new ControlTokenFilter(options.Token)).WithGroupName(ControlApiDocument.Name);

        // Texts a client sent (a path, a login) stand in the answers as they were sent: a browser must read them as what
        // the answer says it is, never guess markup.
        control.AddEndpointFilter((context, next) =>
        {
            context.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });

        // A method's name is case-sensitive (RFC 9110), as for the legacy API (GEN-2), but routing matches it in any case:
        // a "post" or a "delete" is a method no control path takes, never a new user or an ended call.
        control.AddEndpointFilter((context, next) => context.HttpContext.Request.Method.Any(char.IsAsciiLetterLower)
            ? ValueTask.FromResult<object?>(Unknown(context.HttpContext, context.HttpContext.RequestServices.GetRequiredService<EndpointDataSource>()))
            : next(context));
        control.MapGet(CallsPath, CallsPage.List)
            .WithSummary("list the couples in progress (and the ended ones with ?ended=true), in id order, 10,000 at most (?limit=), from ?after= (a couple id); a Link header (rel=\"next\") gives the next page")
            .Produces<IReadOnlyList<CoupleJson>>().Produces<string>(400, Plain);
        control.MapPost(CallsPath, StartCall).WithSummary("start a call; 409 past 1,000,000 couples in progress").WithMetadata(new JsonBody(typeof(CallJson)))
            .Produces<CoupleJson>(201).Produces<string>(400, Plain).Produces<string>(409, Plain);
        control.MapGet(CallPath, GetCall).WithSummary("one couple, with its paused state and pause history")
            .Produces<CoupleJson>().Produces<string>(404, Plain);
        control.MapDelete(CallPath, EndCall).WithSummary("end a call").Produces(204).Produces<string>(404, Plain);
        control.MapGet(UsersPath, ListUsers).WithSummary("list the users, without passwords").Produces<IReadOnlyList<UserJson>>();
        control.MapPost(UsersPath, PutUser).WithSummary("add (201) or replace (200) a user; 409 past 10,000 users").WithMetadata(new JsonBody(typeof(UserJson)))
            .Produces<UserJson>().Produces<UserJson>(201).Produces<string>(400, Plain).Produces<string>(409, Plain);
        control.MapPost(ResetPath, Reset).WithSummary("end every session; return to the start world (empty body) or to the world given")
            .WithMetadata(new JsonBody(typeof(WorldJson))).Produces<ResetJson>().Produces<string>(400, Plain);
        control.MapGet(ProfilePath, GetProfile).WithSummary("the behaviour profile's name and settings").Produces<Dictionary<string, string>>();
        control.MapMethods(ProfilePath, ["PATCH", "PUT"], ChangeProfile).WithSummary("change profile settings (name: start from a built-in profile)")
            .WithMetadata(new JsonBody(typeof(Dictionary<string, string>))).Produces<Dictionary<string, string>>().Produces<string>(400, Plain);
        control.MapGet(LogPath, (RequestLog log) => Results.Json(log.Lines.ToList(), Types.ListString)).WithSummary("the latest request log lines")
            .Produces<IReadOnlyList<string>>();
        control.MapGet(AuditPath, (AuditAnswer answer, CancellationToken cancellationToken) => answer.ServeAsync(cancellationToken))
            .WithSummary("the client audit").Produces<AuditJson>();
        control.MapDashboardApi();
        control.MapClockApi();
        control.MapTrafficApi();
        control.MapFaultApi();
        control.MapGet(ControlApiDocument.Path, ControlApiDocument.Serve).WithSummary("this document").ExcludeFromDescription();
        control.Map(UnknownPath, Unknown).WithOrder(1).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// A request no endpoint of the control API takes: 405 with <c>Allow</c> where the path is one of the API's under
    /// another method (<c>curl -I</c> on the dashboard's page), otherwise 404. This catch-all takes every method, so
    /// routing's own 405 never comes.
    /// </summary>
    private static IResult Unknown(HttpContext context, EndpointDataSource endpoints)
    {
        var request = context.Request;
        // With the prefix it is mounted under: the catch-all's, or (a method in another case) the endpoint's that matched.
        var self = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? Root + UnknownPath;
        var prefix = self.EndsWith(UnknownPath, StringComparison.Ordinal) ? self[..^UnknownPath.Length] + "/" : self[..(self.LastIndexOf(Root + "/", StringComparison.Ordinal) + Root.Length + 1)];
        var catchAll = prefix[..^1] + UnknownPath;
        var allowed = Routes.GetValue(endpoints.Endpoints, Parsed)
            .Where(r => r.Raw.StartsWith(prefix, StringComparison.Ordinal) && r.Raw != catchAll && r.Matcher.TryMatch(request.Path, []))
            .SelectMany(r => r.Methods)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (allowed.Count == 0)
        {
            return NotFound($"the control API has no {request.Method} {request.Path}");
        }

        context.Response.Headers.Allow = string.Join(", ", allowed);
        return Text(StatusCodes.Status405MethodNotAllowed, $"the control API's {request.Path} takes {string.Join(" or ", allowed)}, not {request.Method}");
    }

    // The routes' templates parsed once per set of endpoints (the app's are fixed once it runs): parsed on every
    // request, a client sending wrong methods cost the simulator several times an ordinary request each.
    private static readonly ConditionalWeakTable<IReadOnlyList<Endpoint>, List<(string Raw, TemplateMatcher Matcher, IReadOnlyList<string> Methods)>> Routes = new();

    private static List<(string Raw, TemplateMatcher Matcher, IReadOnlyList<string> Methods)> Parsed(IReadOnlyList<Endpoint> endpoints) =>
        [.. endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null)
            .Select(e => (e.RoutePattern.RawText!, new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText!), []), e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))];

    private static async Task<IResult> StartCall(HttpRequest request, Recorder recorder)
    {
        var body = await ReadAsync(request, Types.CallJson).ConfigureAwait(false);
        if (body.Refusal is not null)
        {
            return body.Refusal;
        }

        var call = body.Value?.ToNewCall("call") ?? Checked<NewCall>.Fail(body.Error!);
        if (call.Error is not null)
        {
            return BadRequest(call.Error);
        }

        return recorder.TryStartCallUnderCap(call.Value!, out var full) is { } couple
            // The couple as it started: a reset answered meanwhile has forgotten it, or given its id to another (GEN-3).
            ? Results.Json(CoupleJson.From(new CoupleState(couple, [], null)), Types.CoupleJson, statusCode: StatusCodes.Status201Created)
            : full
                ? Text(StatusCodes.Status409Conflict, $"the simulator holds {recorder.CallsStartedCap} couples in progress already: end some, or reset the simulator")
                : Text(StatusCodes.Status409Conflict, $"no couple id or call id is left: ids stop at {long.MaxValue} and never wrap; reset the simulator");
    }

    private static IResult GetCall(Recorder recorder, string coupleId) =>
        CoupleId.Parse(coupleId) is { } id && recorder.Find(id) is { } state
            ? Results.Json(CoupleJson.From(state), Types.CoupleJson)
            : NotFound($"couple {coupleId} is unknown");

    private static IResult EndCall(Recorder recorder, string coupleId) =>
        CoupleId.Parse(coupleId) is { } id && recorder.EndCall(id) ? Results.NoContent() : NotFound($"couple {coupleId} is not in progress");

    private static IResult ListUsers(Recorder recorder) =>
        Results.Json(recorder.Users().Select(UserJson.From).ToList(), Types.ListUserJson);

    private static async Task<IResult> PutUser(HttpRequest request, Recorder recorder)
    {
        var body = await ReadAsync(request, Types.UserJson).ConfigureAwait(false);
        if (body.Refusal is not null)
        {
            return body.Refusal;
        }

        var user = body.Value?.ToUser("user") ?? Checked<User>.Fail(body.Error!);
        if (user.Error is not null)
        {
            return BadRequest(user.Error);
        }

        return recorder.PutUser(user.Value!) is { } replaced
            ? Results.Json(UserJson.From(user.Value!), Types.UserJson, statusCode: replaced ? StatusCodes.Status200OK : StatusCodes.Status201Created)
            : Text(StatusCodes.Status409Conflict, $"the simulator holds {Recorder.MaxUsers} users already: replace one, or reset the simulator");
    }

    /// <summary>An empty body resets to the world the simulator started with; a world file's JSON resets to that world.</summary>
    private static async Task<IResult> Reset(HttpRequest request, Recorder recorder, StartWorld start, ClientAudit audit, Time.SimulatorClock clock, Traffic.TrafficGenerator traffic)
    {
        var (body, refusal) = await ControlBody.ReadAsync(request).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        // The bytes as sent, read as --world reads a file's: one not UTF-8 is refused with its place, a byte-order mark read.
        var decoded = WorldReader.Utf8(body!);
        if (decoded.Error is not null)
        {
            return BadRequest($"body: not a valid world file: {decoded.Error}");
        }

        var utf8 = decoded.Value!;
        var world = utf8.AsSpan().Trim(" \t\r\n"u8).IsEmpty ? Checked<World>.Ok(start.World) : WorldReader.Read(utf8, "body", faultsAllowed: false);
        if (world.Error is not null)
        {
            return BadRequest(world.Error);
        }

        var held = recorder.Held;
        recorder.Reset(world.Value!);
        audit.Clear(); // the sessions the audit followed have ended, and the couples they paused are gone
        if (held >= GiveBackFrom)
        {
            // GEN-3: a world of a million pause intervals left the process gigabytes larger after its reset, for as long as
            // nothing allocated enough to start a full collection; a small world's reset (a kit's scenario) never pays this.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        Traffic.WorldTime.Apply(world.Value!, clock, traffic); // a world's clock and traffic, when it gives them
        return Results.Json(new ResetJson(world.Value!.Users.Count, world.Value.Calls.Count, world.Value.Profile.Name), Types.ResetJson);
    }

    private static IResult GetProfile(Recorder recorder) => Results.Json(ProfileJson.Write(recorder.Profile), Types.DictionaryStringString);

    private static async Task<IResult> ChangeProfile(HttpRequest request, Recorder recorder)
    {
        var body = await ReadAsync(request, Types.NullableJsonElement).ConfigureAwait(false);
        if (body.Refusal is not null)
        {
            return body.Refusal;
        }

        if (body.Error is not null)
        {
            return BadRequest($"profile: {body.Error}");
        }

        // Read and replaced under the recorder's lock: two partial changes at once never lose one of them.
        string? error = null;
        var changed = recorder.ChangeProfile(current =>
        {
            var read = ProfileJson.Read(body.Value, current);
            error = read.Error;
            return read.Value;
        });
        return changed is null ? BadRequest($"profile: {error}") : Results.Json(ProfileJson.Write(changed), Types.DictionaryStringString);
    }

    internal static async Task<(T? Value, string? Error, IResult? Refusal)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type)
    {
        var (body, refusal) = await ControlBody.ReadAsync(request).ConfigureAwait(false);
        if (refusal is not null)
        {
            return (default, null, refusal);
        }

        if (JsonEscapes.NotText(body) is { } half)
        {
            return (default, $"the body is not valid JSON text: {half}", null);
        }

        try
        {
            var value = JsonSerializer.Deserialize(body, type);
            return value is null ? (default, "the body must be a JSON object", null) : (value, null, null);
        }
        catch (JsonException e)
        {
            return (default, JsonProblem.Describe(e, type), null);
        }
    }

    /// <summary>The couples and pause intervals of a world whose reset gives their memory back to the system at once.</summary>
    private const long GiveBackFrom = 100_000;

    private static SimulatorJsonContext Types => SimulatorJsonContext.Answers;

    internal static IResult BadRequest(string message) => Text(StatusCodes.Status400BadRequest, message);

    private static IResult NotFound(string message) => Text(StatusCodes.Status404NotFound, message);

    /// <summary>
    /// A control answer in words, one line: what a client sent and the message quotes (a query value, a field's name, a
    /// permission) is escaped where it holds a control character, as the legacy API's bodies and the log escape it, so
    /// no value writes a NUL, an escape sequence or another line into the client's terminal or log.
    /// </summary>
    internal static IResult Text(int status, string message) => Results.Text(ClientText.Escaped(message) + "\n", "text/plain", statusCode: status);
}
