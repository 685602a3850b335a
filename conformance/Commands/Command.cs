namespace PauseResume.Conformance.Commands;

/// <summary>
/// One step of a scenario. It sends its request (or control action), then compares the answer with what the
/// model allows and returns the model's next state. <see cref="object.ToString"/> reads like the step.
/// </summary>
internal abstract record Command
{
    public abstract Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>Simpler forms of this step, for shrinking a failure.</summary>
    public virtual IEnumerable<Command> Shrink() => [];

    /// <summary>
    /// Forms of this step whose outcome no profile setting excuses: an explanation of this step's failure must let them
    /// pass too, or it only hides a broken documented rule.
    /// </summary>
    public virtual IEnumerable<Command> Witnesses() => [];

    /// <summary>
    /// This step as a server that breaks the documented <paramref name="rule"/> takes it, where the model can say (a login
    /// without a cookie that works, SES-2): a failure that a scenario of such steps passes follows from that break
    /// (<see cref="Kit.ConformanceKit"/>). Null: the step does not rest on that rule.
    /// </summary>
    public virtual Command? AsBreaking(string rule) => null;
}
