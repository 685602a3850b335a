using static PauseResume.Simulator.Domain.AccessCheck;

namespace PauseResume.Simulator.Domain;

/// <summary>
/// The order of the checks of each request, where RECORDER-API.md leaves it open: refusalOrder (DET-3, PSE-4) orders
/// the access checks, badDirectionOrder (LST-6) and badPausedOrder (PSE-2) place the parameter check among them. The first check that
/// fails decides the answer.
/// </summary>
internal static class CheckOrder
{
    // Every order there can be, worked out once: each request asks for one.
    private static readonly IReadOnlyList<AccessCheck>[] Lists = [.. Enum.GetValues<BadParameterOrder>().Select(p => WithParameter([Login, CallList], p))];
    private static readonly IReadOnlyList<AccessCheck>[] Details = [.. Enum.GetValues<RefusalOrder>().Select(o => CoupleChecks(o, pausing: false))];
    private static readonly IReadOnlyList<AccessCheck>[][] PausedStates =
        [.. Enum.GetValues<RefusalOrder>().Select(o => Enum.GetValues<BadParameterOrder>().Select(p => (IReadOnlyList<AccessCheck>)WithParameter(CoupleChecks(o, pausing: true), p)).ToArray())];

    // A value outside the enum (a profile built in code can hold one) is worked out as before, each time.
    public static IReadOnlyList<AccessCheck> ForList(BadParameterOrder parameter) =>
        Known(parameter) ? Lists[(int)parameter] : WithParameter([Login, CallList], parameter);

    public static IReadOnlyList<AccessCheck> ForDetails(RefusalOrder order) => Known(order) ? Details[(int)order] : CoupleChecks(order, pausing: false);

    public static IReadOnlyList<AccessCheck> ForPausedState(RefusalOrder order, BadParameterOrder parameter) =>
        Known(order) && Known(parameter) ? PausedStates[(int)order][(int)parameter] : WithParameter(CoupleChecks(order, pausing: true), parameter);

    private static bool Known<T>(T value)
        where T : struct, Enum => Enum.IsDefined(value);

    private static List<AccessCheck> CoupleChecks(RefusalOrder order, bool pausing)
    {
        List<AccessCheck> pauseRight = pausing ? [PauseRight] : [];
        return order switch
        {
            RefusalOrder.CoupleFirst => [Login, CoupleInProgress, CallList, PhoneMasks, .. pauseRight],
            RefusalOrder.RightsFirst => [Login, CallList, .. pauseRight, CoupleInProgress, PhoneMasks],
            RefusalOrder.MasksFirst => [Login, CallList, PhoneMasks, CoupleInProgress, .. pauseRight],
            RefusalOrder.RightsAndMasksFirst => [Login, CallList, .. pauseRight, PhoneMasks, CoupleInProgress],
            _ => [Login, CallList, CoupleInProgress, PhoneMasks, .. pauseRight],
        };
    }

    private static List<AccessCheck> WithParameter(List<AccessCheck> checks, BadParameterOrder order)
    {
        var couple = checks.FindIndex(c => c is CoupleInProgress or PhoneMasks);
        // Last where no place is named (after-access): added, not inserted at the list's count, which a mutation of the
        // count (to a sum) would not compile, rolling the whole method back out of mutation testing.
        var at = order switch { BadParameterOrder.BeforeLogin => 0, BadParameterOrder.AfterLogin => 1, BadParameterOrder.BeforeCouple when couple >= 0 => couple, _ => -1 };
        if (at < 0)
        {
            checks.Add(Parameter);
        }
        else
        {
            checks.Insert(at, Parameter);
        }

        return checks;
    }
}
