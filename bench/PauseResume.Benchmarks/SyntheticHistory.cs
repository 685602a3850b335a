using PauseResume.Conformance.Concurrency;

namespace PauseResume.Benchmarks;

/// <summary>
/// A history that is linearizable by construction: each operation takes effect at a random moment inside its own
/// interval, and every read returns the state at its moment. Many agents overlap, as under load; some writes get no answer.
/// </summary>
internal static class SyntheticHistory
{
    public static IReadOnlyList<Operation> Make(int operations, int agents, int couples, int seed)
    {
        var random = new Random(seed);
        var effects = new List<(double At, Operation Op)>();
        var clock = new double[agents];
        for (var i = 0; i < operations; i++)
        {
            var agent = i % agents;
            var start = clock[agent] + random.NextDouble();
            var end = start + 0.2 + (random.NextDouble() * 3);
            clock[agent] = end;
            var couple = random.Next(couples);
            var roll = random.NextDouble();
            var kind = roll < 0.4 ? OperationKind.Read : roll < 0.7 ? OperationKind.Pause : OperationKind.Resume;
            var unknown = kind != OperationKind.Read && random.NextDouble() < 0.01;
            var op = new Operation(i, agent, $"agent{agent:00}", couple, kind, TimeSpan.FromMilliseconds(start), unknown ? null : TimeSpan.FromMilliseconds(end),
                unknown ? OperationOutcome.Unknown : OperationOutcome.Done);
            effects.Add((start + (random.NextDouble() * (end - start)), op));
        }

        var state = new bool[couples];
        var history = new List<Operation>(operations);
        foreach (var (_, op) in effects.OrderBy(e => e.At))
        {
            var couple = (int)op.Couple;
            if (op.Writes is { } value)
            {
                state[couple] = value;
                history.Add(op);
            }
            else
            {
                history.Add(op with { Seen = state[couple] });
            }
        }

        return history.OrderBy(o => o.Invoked).ToList();
    }
}
