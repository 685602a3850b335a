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
    public Checked<NewCall> ToNewCall(string at)
    {
        var problem = Problem(at, "callingNumber", CallingNumber, required: true) ?? Problem(at, "calledNumber", CalledNumber, required: true)
            ?? Problem(at, "callingIp", CallingIp, required: false) ?? Problem(at, "calledIp", CalledIp, required: false);
        if (problem is not null)
        {
            return Checked<NewCall>.Fail(problem);
        }

        if (!IsIp(CallingIp) || !IsIp(CalledIp))
        {
            return Checked<NewCall>.Fail($"{at}: callingIp and calledIp must be IP addresses");
        }

        var direction = Domain.Direction.Unknown;
        if (Direction is not null && !WireNames.TryParse(Direction, out direction))
        {
            return Checked<NewCall>.Fail($"{at}.direction: '{Direction}' is not one of {WireNames.Choices<Direction>()}");
        }

        var type = Domain.CoupleType.Normal;
        if (CoupleType is not null && !WireNames.TryParse(CoupleType, out type))
        {
            return Checked<NewCall>.Fail($"{at}.coupleType: '{CoupleType}' is not one of {WireNames.Choices<CoupleType>()}");
        }

        if (CallId is <= 0)
        {
            return Checked<NewCall>.Fail($"{at}.callId: must be a positive number");
        }

        return Checked<NewCall>.Ok(new NewCall(CallingNumber!, CalledNumber!, CallingIp, CalledIp, direction, type, CallId, Start));
    }

    private static string? Problem(string at, string name, string? value, bool required) =>
        value is null ? (required ? $"{at}.{name}: required" : null)
        : CallText.Problem(value) is { } problem ? $"{at}.{name}: {problem}"
        : null;

    private static bool IsIp(string? value) => value is null || IPAddress.TryParse(value, out _);
}
