using static PauseResume.Simulator.Domain.AccessCheck;

namespace PauseResume.Simulator.Domain;

/// <summary>
/// The order of the checks of each request, where RECORDER-API.md leaves it open: refusalOrder (DET-3, PSE-4) orders
/// the access checks, badParameterOrder (LST-6, PSE-2) places the parameter check among them. The first check that
/// fails decides the answer.
/// </summary>
internal static class CheckOrder
{
    public static IReadOnlyList<AccessCheck> ForList(BadParameterOrder parameter) => WithParameter([Login, CallList], parameter);

    public static IReadOnlyList<AccessCheck> ForDetails(RefusalOrder order) => CoupleChecks(order, pausing: false);

    public static IReadOnlyList<AccessCheck> ForPausedState(RefusalOrder order, BadParameterOrder parameter) =>
        WithParameter(CoupleChecks(order, pausing: true), parameter);

    private static List<AccessCheck> CoupleChecks(RefusalOrder order, bool pausing)
    {
        List<AccessCheck> pauseRight = pausing ? [PauseRight] : [];
        return order switch
        {
            RefusalOrder.CoupleFirst => [Login, CoupleInProgress, CallList, PhoneMasks, .. pauseRight],
            RefusalOrder.RightsFirst => [Login, CallList, .. pauseRight, CoupleInProgress, PhoneMasks],
            _ => [Login, CallList, CoupleInProgress, PhoneMasks, .. pauseRight],
        };
    }

    private static List<AccessCheck> WithParameter(List<AccessCheck> checks, BadParameterOrder order)
    {
        checks.Insert(order switch { BadParameterOrder.BeforeLogin => 0, BadParameterOrder.AfterLogin => 1, _ => checks.Count }, Parameter);
        return checks;
    }
}
