using PauseResume.Conformance.Kit;

namespace PauseResume.Conformance.Commands;

/// <summary>The expected status of an answer and the rule that decides it.</summary>
internal sealed record StatusCheck(int Status, string Rule, string Why)
{
    public Check Against(int actual, string? actualRule = null) =>
        Check.That(actual == Status ? Rule : actualRule ?? Rule, actual == Status, Why, Status.ToString(System.Globalization.CultureInfo.InvariantCulture), actual.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
