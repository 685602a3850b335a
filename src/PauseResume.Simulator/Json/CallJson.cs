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
    internal Checked<NewCall> ToNewCall(string? at, int index)
    {
        string At() => at ?? $"calls[{index}]";
        var problem = Problem(At, "callingNumber", CallingNumber, required: true) ?? Problem(At, "calledNumber", CalledNumber, required: true)
            ?? Problem(At, "callingIp", CallingIp, required: false) ?? Problem(At, "calledIp", CalledIp, required: false);
        if (problem is not null)
        {
            return Checked<NewCall>.Fail(problem);
        }

        if (!IsIp(CallingIp) || !IsIp(CalledIp))
        {
            return Checked<NewCall>.Fail($"{At()}: callingIp and calledIp must be IP addresses");
        }

        var direction = Domain.Direction.Unknown;
        if (Direction is not null && !WireNames.TryParse(Direction, out direction))
        {
            return Checked<NewCall>.Fail($"{At()}.direction: '{Direction}' is not one of {WireNames.Choices<Direction>()}");
        }

        var type = Domain.CoupleType.Normal;
        if (CoupleType is not null && !WireNames.TryParse(CoupleType, out type))
        {
            return Checked<NewCall>.Fail($"{At()}.coupleType: '{CoupleType}' is not one of {WireNames.Choices<CoupleType>()}");
        }

        if (CallId is <= 0)
        {
            return Checked<NewCall>.Fail($"{At()}.callId: must be a positive number");
        }

        return Checked<NewCall>.Ok(new NewCall(CallingNumber!, CalledNumber!, CallingIp, CalledIp, direction, type, CallId, Start));
    }

    private static string? Problem(Func<string> at, string name, string? value, bool required) =>
        value is null ? (required ? $"{at()}.{name}: required" : null)
        : CallText.Problem(value) is { } problem ? $"{at()}.{name}: {problem}"
        : null;

    private static bool IsIp(string? value) => value is null || IPAddress.TryParse(value, out _);
}
