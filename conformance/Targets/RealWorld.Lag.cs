using PauseResume.Conformance.Concurrency;

namespace PauseResume.Conformance.Targets;

/// <summary>How late the recorder's details show a pause and a resume, measured once before a run's scenarios.</summary>
internal sealed partial class RealWorld
{
    /// <summary>The longer of the lags <see cref="MeasureLagAsync"/> measured; zero where it measured none (or was not run).</summary>
    public TimeSpan MeasuredLag { get; private set; }

    /// <summary>The lags the run's scenarios met (the runner's), once they run.</summary>
    public Commands.DetailsLag? ScenarioLag { get; set; }

    /// <summary>The longest lag the run knows of: measured before its scenarios, or met by them.</summary>
    public TimeSpan LagSeen => ScenarioLag is { LongestSeen: var seen } && seen > MeasuredLag ? seen : MeasuredLag;

    /// <summary>
    /// PSE-1 documents that a pause is taken, not how soon the details show it: the lag (<see cref="LagMeasurement"/>)
    /// measured on the first couple the kit may pause that is recording and shares no call with a held one (one that reads
    /// paused is never resumed to measure), paused and resumed in the pauser's session, then put back as found by a
    /// clean-up as after a scenario. Null, and why, where no couple could be measured.
    /// </summary>
    /// <param name="settle">How long a state is waited for: up to fifteen times it before the measurement gives up.</param>
    public async Task<((long Couple, LagMeasurement.Lags Lags)? Measured, string? Why)> MeasureLagAsync(TimeSpan settle, CancellationToken cancellationToken, Profiles.KitProfile? profile = null)
    {
        if (pauser is null || Pausable.Count == 0)
        {
            return (null, "no couple the kit may pause");
        }

        var now = await CouplesNowAsync(settle, cancellationToken);
        var held = Held(now);
        var recording = now.Where(c => Pausable.Contains(c.Id) && !held.Contains(c.Id)).Select(c => c.Id).Order().ToList();
        if (recording.Count == 0)
        {
            return (null, "every couple the kit may pause reads paused or shares a call with one that does");
        }

        using var http = target.CreateClient();
        var wire = new Wire.Wire(http, pace, TimeProvider.System) { Attempts = Probe.Prober.RepeatableAttempts };
        var started = Time.GetTimestamp();
        var measuredOn = new HashSet<long>();
        string? why = null;
        try
        {
            await wire.LoginAsync(0, pauser, cancellationToken);
            foreach (var id in recording)
            {
                measuredOn.Add(id);
                var outcome = await new LagMeasurement(settle, Time).MeasureAsync(
                    async (kind, token) =>
                    {
                        var invoked = Time.GetElapsedTime(started);
                        Wire.Exchange? answer = null;
                        string? fault = null;
                        try
                        {
                            answer = kind == OperationKind.Read
                                ? await wire.SendAsync(0, HttpMethod.Get, $"callrec/restful/couples.xml/{id}", cancellationToken: token)
                                : await Wire.PausedEverywhere.SendAsync($"callrec/restful/couples.xml/{id}/pausedState", kind == OperationKind.Pause, (pathAndQuery, form) => wire.SendAsync(0, HttpMethod.Post, pathAndQuery, form, cancellationToken: token), profile);
                        }
                        catch (Wire.StepFaultException e)
                        {
                            fault = e.Fault.Kind;
                        }

                        return Operation.Of(0, 0, pauser.Login, id, kind, invoked, Time.GetElapsedTime(started), answer, fault);
                    },
                    cancellationToken);
                if (outcome.Lags is { } lags)
                {
                    MeasuredLag = lags.Longest;
                    return ((id, lags), null);
                }

                why = $"couple {id}: {outcome.Why}";
                if (!outcome.NoState)
                {
                    break;
                }
            }
        }
        catch (Wire.StepFaultException e)
        {
            why = $"the pauser's login met a fault ({e.Fault.Kind})";
        }
        finally
        {
            // Even when interrupted: a pause the measurement left (its resume refused, or not shown) is put back as found.
            await CleanUpAsync(wire, measuredOn, settle, CancellationToken.None, profile);
        }

        return (null, why);
    }
}
