using System.Net;
using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Json;

/// <summary>A call to start, in the names of the details document: callingNumber, calledNumber, callingIp, calledIp, direction.</summary>
public sealed record CallJson(
    string? CallingNumber,
    string? CalledNumber,
    string? CallingIp = null,
    string? CalledIp = null,
    string? Direction = null,
    string? CoupleType = null,
    long? CallId = null,
    DateTimeOffset? Start = null)
{
    public Checked<NewCall> ToNewCall(string at) => ToNewCall(at, 0);

    /// <summary>
    /// The call; its place is <paramref name="at"/> or, when that is null, <c>calls[<paramref name="index"/>]</c>, written
    /// only for a mistake (a world of a million calls would otherwise write a million places).
    /// </summary>
    internal Checked<NewCall> ToNewCall(string? at, int index) =>
        Problem(at, index, CallingNumber, CalledNumber, CallingIp, CalledIp, Direction, CoupleType, CallId, out var direction, out var type) is { } problem
            ? Checked<NewCall>.Fail(problem)
            : Checked<NewCall>.Ok(new NewCall(CallingNumber!, CalledNumber!, CallingIp, CalledIp, direction, type, CallId, Start));

    /// <summary>
    /// The first thing wrong with a call of these values, named at its place as <see cref="ToNewCall(string?, int)"/>
    /// names it, or null when a <see cref="NewCall"/> can hold them (both numbers then set; <paramref name="direction"/>
    /// and <paramref name="type"/> are the ones named). The world file's reader checks each call here once and keeps
    /// its values without making the call, so a call in a file and a call from code are checked alike.
    /// </summary>
    internal static string? Problem(
        string? at, int index, string? callingNumber, string? calledNumber, string? callingIp, string? calledIp, string? directionName, string? typeName, long? callId,
        out Direction direction, out CoupleType type)
    {
        direction = Domain.Direction.Unknown;
        type = Domain.CoupleType.Normal;
        return Problem(at, index, "callingNumber", callingNumber, required: true) ?? Problem(at, index, "calledNumber", calledNumber, required: true)
            ?? Problem(at, index, "callingIp", callingIp, required: false) ?? Problem(at, index, "calledIp", calledIp, required: false)
            ?? (!IsIp(callingIp) || !IsIp(calledIp) ? $"{Place(at, index)}: callingIp and calledIp must be IP addresses"
            : directionName is not null && !WireNames.TryParse(directionName, out direction) ? $"{Place(at, index)}.direction: '{directionName}' is not one of {WireNames.Choices<Direction>()}"
            : typeName is not null && !WireNames.TryParse(typeName, out type) ? $"{Place(at, index)}.coupleType: '{typeName}' is not one of {WireNames.Choices<CoupleType>()}"
            : callId is <= 0 ? $"{Place(at, index)}.callId: must be a positive number"
            : null);
    }

    // Written only for a mistake; passing at and index rather than a delegate that writes them costs no object per call.
    private static string Place(string? at, int index) => at ?? $"calls[{index}]";

    private static string? Problem(string? at, int index, string name, string? value, bool required) =>
        value is null ? (required ? $"{Place(at, index)}.{name}: required" : null)
        : CallText.Problem(value) is { } problem ? $"{Place(at, index)}.{name}: {problem}"
        : null;

    private static bool IsIp(string? value) => value is null || IPAddress.TryParse(value, out _);
}
