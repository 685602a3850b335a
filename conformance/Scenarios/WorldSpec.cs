using System.Collections.Immutable;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Scenarios;

/// <summary>The users and calls a scenario starts from (on a controllable target; on a real one, what was observed).</summary>
internal sealed record WorldSpec(int Seed, ImmutableArray<ModelUser> Users, ImmutableArray<CallSpec> Calls)
{
    public override string ToString() =>
        $"users [{string.Join(", ", Users.Select(u => $"{u.Login}:{u.Rights}"))}]; calls [{string.Join(", ", Calls)}]";
}
