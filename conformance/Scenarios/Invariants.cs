using PauseResume.Conformance.Commands;
using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Scenarios;

/// <summary>
/// What must hold after every step, whatever the step was: no answer is a 5xx (GEN-3), and on a controllable
/// target every couple is paused exactly as the model says: a pause changes only the couple it names, or under
/// pauseScope=call every couple of its call (PSE-1, whose reach is inferred: a couple that shows the other scope's state
/// differs on that setting), a
/// refused request changes nothing (PSE-4), and no other request changes anything (GEN-3).
/// </summary>
internal static class Invariants
{
    public static async Task<IReadOnlyList<Check>> AfterStepAsync(StepContext context, StepResult step, IEnumerable<Wire.Exchange> answers, CancellationToken cancellationToken)
    {
        var checks = answers.Where(a => a.Script is null)
            .Select(a => Check.That("GEN-3", a.Status < 500, "no request is answered with a server error", "a status below 500", $"{a.Status} for {a.Method} {a.PathAndQuery}"))
            .ToList();
        // Which charset an answer is in is documented nowhere: a name no one knows was read as UTF-8, a difference only.
        checks.AddRange(answers.Where(a => a.UnknownCharset is not null).Select(a => Check.That(
            RuleOf(a.PathAndQuery), false, "the answer's charset is one a client knows (inferred; read as UTF-8)", "a known charset", $"charset={a.UnknownCharset} for {a.Method} {a.PathAndQuery}").Inferred() with { Neutral = true }));

        if (context.Target.Control is not { } control)
        {
            return checks;
        }

        foreach (var actual in await control.PausedStatesAsync(cancellationToken))
        {
            if (!step.Model.Couples.TryGetValue(actual.Id, out var predicted) || predicted.Paused == actual.Paused)
            {
                continue;
            }

            var rule = step.Pause is not { } pause ? "GEN-3" : pause.Allowed && pause.ReadInferred && pause.Couple == actual.Id ? "PSE-2" : pause.Allowed || pause.Couple != actual.Id ? "PSE-1" : "PSE-4";
            var check = Check.Equal(rule, $"couple {actual.Id} is {(predicted.Paused ? "paused" : "recording")} after this step", predicted.Paused, actual.Paused);
            checks.Add(rule == "PSE-2" ? check.Inferred() : rule == "PSE-1" ? PauseReach.Explained(check, predicted, actual.Paused, step.Model.Profile) : check);
        }

        return checks;
    }

    /// <summary>The rule whose answer the charset belongs to: a session's page, a list, a pause's answer, else details.</summary>
    private static string RuleOf(string pathAndQuery)
    {
        var path = pathAndQuery.Split('?')[0];
        return path.EndsWith(".do", StringComparison.Ordinal) ? "SES-4"
            : path.EndsWith("/couples.xml", StringComparison.Ordinal) ? "LST-1"
            : path.EndsWith("/pausedState", StringComparison.Ordinal) ? "PSE-3"
            : "DET-1";
    }
}
