using System.Collections.Immutable;
using PauseResume.Conformance.Commands;

namespace PauseResume.Conformance.Scenarios;

/// <summary>A world and the steps to run on it; shrinking makes both smaller while the failure stays.</summary>
internal sealed record Scenario(WorldSpec World, ImmutableArray<Command> Steps)
{
    public override string ToString() => string.Join(" → ", Steps);

    /// <summary>Smaller scenarios, most aggressive first: fewer steps, simpler steps, fewer calls and users.</summary>
    public IEnumerable<Scenario> Shrink()
    {
        for (var chunk = Steps.Length / 2; chunk >= 1; chunk /= 2)
        {
            for (var start = 0; start + chunk <= Steps.Length; start += chunk)
            {
                yield return this with { Steps = Steps.RemoveRange(start, chunk) };
            }
        }

        for (var i = 0; i < Steps.Length; i++)
        {
            foreach (var simpler in Steps[i].Shrink())
            {
                yield return this with { Steps = Steps.SetItem(i, simpler) };
            }
        }

        for (var i = 0; i < World.Calls.Length; i++)
        {
            yield return this with { World = World with { Calls = World.Calls.RemoveAt(i) } };
        }
    }
}
