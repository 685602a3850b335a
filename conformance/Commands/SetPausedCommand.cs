using PauseResume.Conformance.Kit;
using PauseResume.Conformance.Model;
using PauseResume.Simulator.Domain;

namespace PauseResume.Conformance.Commands;

/// <summary>POST or PUT pausedState with a good or bad <c>paused</c>, in the body or the query (PSE-1..4).</summary>
internal sealed record SetPausedCommand(int Slot, CoupleRef Couple, bool Put, PausedValue Value, bool InQuery) : Command
{
    public override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var model = context.Model;
        var id = Couple.Resolve(model, context.Pausable);
        var parameter = Value switch
        {
            PausedValue.True => "paused=true",
            PausedValue.False => "paused=false",
            PausedValue.TypoTrue => "pause=true",
            PausedValue.Missing => string.Empty,
            _ => "paused=yes",
        };
        var path = $"callrec/restful/couples.xml/{id}/pausedState" + (InQuery && parameter.Length > 0 ? "?" + parameter : string.Empty);
        var answer = await context.Wire.SendAsync(Slot, Put ? HttpMethod.Put : HttpMethod.Post, path, InQuery ? string.Empty : parameter, cancellationToken: cancellationToken);
        context.Memory.Touched.Add(id);
        var step = $"{ModelSlot.Name(Slot)}: {(Put ? "PUT" : "POST")} pausedState of {id} with '{parameter}'{(InQuery ? " in the query" : string.Empty)} → {answer.Status}";

        // PSE-2: under the strict profile only paused=true|false is read; under jaxrs-lenient anything but true is false.
        var strict = model.Profile.PausedParameter == PausedParameterReading.Strict;
        bool? paused = Value switch
        {
            PausedValue.True => true,
            PausedValue.False => false,
            _ => strict ? null : false,
        };
        var refusal = CoupleAccess.Refusal(context, Slot, id, pausing: true, "PSE-4");
        var next = model.Touch(Slot);
        if (CoupleAccess.EndedMeanwhile(context, Slot, id, answer.Status))
        {
            return new StepResult(step + " (the couple has ended)", [], next.WithCouple(model.Couples[id] with { Ended = true }));
        }

        var expected = refusal
            ?? (paused is null ? new StatusCheck(400, "PSE-2", $"'{parameter}' is not paused=true|false (profile {model.Profile.Name})")
            : Value is PausedValue.True or PausedValue.False ? new StatusCheck(204, "PSE-3", paused.Value ? "a pause" : "a resume")
            : new StatusCheck(204, "PSE-2", $"'{parameter}' read as paused=false (profile {model.Profile.Name})"));
        var wrongRule = expected.Status == 204 && answer.Status is < 200 or >= 300 ? "PSE-1"
            : expected.Status == 400 && answer.Status is >= 200 and < 300 ? "PSE-2"
            : null;
        var checks = new List<Check> { expected.Against(answer.Status, wrongRule) };
        if (expected.Status == 204 && answer.Status is >= 200 and < 300)
        {
            next = next.WithCouple(model.Couples[id] with { Paused = paused!.Value });
        }

        if (context.Target.Control is null && expected.Status == 204 && checks[0].Passed)
        {
            // A real recorder has no control API: its details tell whether the pause or resume took effect.
            var details = await context.Wire.SendAsync(Slot, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: cancellationToken);
            var shown = details.Status == 200 ? Wire.Documents.Of(details.Body)?.Paused : null;
            checks.Add(Check.Equal("PSE-1", $"couple {id} shows paused={(paused!.Value ? "true" : "false")} afterwards", paused.Value ? "true" : "false", shown ?? $"no details ({details.Status})"));
        }

        if (context.Target.Control is { } control)
        {
            // Only this couple may have changed, and as the rules say (PSE-1 pauses and resumes the couple named).
            foreach (var actual in await control.CouplesAsync(cancellationToken))
            {
                if (next.Couples.TryGetValue(actual.Id, out var predicted))
                {
                    checks.Add(Check.Equal("PSE-1", $"couple {actual.Id} is {(predicted.Paused ? "paused" : "recording")} after this step", predicted.Paused, actual.Paused));
                }
            }
        }

        return new StepResult(step, checks, next);
    }

    public override IEnumerable<Command> Shrink()
    {
        if (InQuery)
        {
            yield return this with { InQuery = false };
        }

        if (Put)
        {
            yield return this with { Put = false };
        }

        if (Value is not PausedValue.True and not PausedValue.False)
        {
            yield return this with { Value = PausedValue.True };
        }

        if (Slot != 0)
        {
            yield return this with { Slot = 0 };
        }

        if (Couple.Index > 0)
        {
            yield return this with { Couple = new CoupleRef(0) };
        }
    }

    public override string ToString() => $"{ModelSlot.Name(Slot)}: {(Put ? "put" : "post")}-paused({Couple}, {Value}{(InQuery ? ", query" : string.Empty)})";
}
