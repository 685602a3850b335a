using Microsoft.Extensions.Options;

namespace PauseResume.Simulator.Hosting;

/// <summary>Refuses, when the host starts, a world a recorder cannot start from and a control token nobody could send.</summary>
internal sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        var failures = new List<string>();
        if (options.World is null)
        {
            failures.Add("SimulatorOptions.World is required: World.Empty for a recorder a test arranges itself, or DefaultWorld.Create(...)");
        }
        else if (options.World.Problem() is { } problem)
        {
            failures.Add($"SimulatorOptions.World: {problem}");
        }

        if (options.Control is null)
        {
            failures.Add("SimulatorOptions.Control is required (new ControlOptions(Enabled: false) turns the control API off)");
        }
        else if (options.Control.Token is { } token && !ControlOptions.IsUsableToken(token))
        {
            failures.Add("SimulatorOptions.Control.Token must be a non-empty header value of visible ASCII characters (no white space), or null for no token");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fault in options.Faults ?? [])
        {
            var problem = fault is null ? "null" : fault.Problem() ?? (names.Add(fault.Name) ? null : "a second fault of that name");
            if (problem is not null)
            {
                failures.Add($"SimulatorOptions.Faults: {fault?.Name}: {problem}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
