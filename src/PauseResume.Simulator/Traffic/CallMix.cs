namespace PauseResume.Simulator.Traffic;

/// <summary>The shares of incoming, outgoing and internal calls; relative weights, kept as shares that sum to 1.</summary>
public sealed record CallMix(double Incoming, double Outgoing, double Internal)
{
    public static CallMix Default { get; } = new(0.6, 0.3, 0.1);

    /// <summary>What makes these weights no mix at all, or null.</summary>
    public string? Problem() =>
        new[] { Incoming, Outgoing, Internal }.Any(w => !double.IsFinite(w) || w < 0) ? "mix: each share must be a number of at least 0"
        : Incoming + Outgoing + Internal <= 0 ? "mix: at least one share must be above 0"
        : !double.IsFinite(Incoming + Outgoing + Internal) ? "mix: the shares are too large to add up"
        : null;

    /// <summary>The same weights as shares that sum to 1 (shares that already do are kept as written).</summary>
    public CallMix Normalized()
    {
        var sum = Incoming + Outgoing + Internal;
        return Math.Abs(sum - 1) < 1e-9 ? this : new CallMix(Incoming / sum, Outgoing / sum, Internal / sum);
    }
}
