using System.Globalization;

namespace PauseResume.Conformance.Kit;

/// <summary>
/// --budget: how long a run may take, counted from the command's start, so that reading a real recorder's calls before
/// the first scenario counts too (308 calls in progress took a minute). No scenario starts after it, nor one that would
/// end after it if it took as long as the scenarios so far did on average: on a recorder that answers slowly one scenario
/// takes half a minute, and starting it a second before the budget ran out overran it by that much.
/// </summary>
internal sealed class RunBudget(TimeSpan? limit, TimeProvider time, long startedAt)
{
    private TimeSpan scenarios;
    private int count;

    public TimeSpan? Limit { get; } = limit;

    /// <summary>Time since the command started.</summary>
    public TimeSpan Elapsed => time.GetElapsedTime(startedAt);

    /// <summary>The scenarios so far took this long on average (zero before the first).</summary>
    public TimeSpan MeanScenario => count == 0 ? TimeSpan.Zero : scenarios / count;

    /// <summary>The budget has stopped the run: a scenario was not started because of it.</summary>
    public bool RanOut { get; private set; }

    /// <summary>How many more scenarios of the average length so far fit in the budget; null without one, or before the first has ended.</summary>
    public int? ScenariosLeft => Limit is { } limit && count > 0 && MeanScenario > TimeSpan.Zero
        ? (int)Math.Max(0, Math.Floor((limit - Elapsed) / MeanScenario))
        : null;

    /// <summary>Whether another scenario may start; once not, <see cref="RanOut"/> says so.</summary>
    public bool AllowsAnother()
    {
        RanOut = Limit is { } limit && Elapsed + MeanScenario > limit;
        return !RanOut;
    }

    /// <summary>A time stamp to hand back to <see cref="Ran"/> when the scenario begun now is over.</summary>
    public long Begin() => time.GetTimestamp();

    /// <summary>A scenario begun at <paramref name="began"/> is over: its length counts toward the mean.</summary>
    public void Ran(long began)
    {
        scenarios += time.GetElapsedTime(began);
        count++;
    }

    /// <summary>Why nothing was checked, where the budget was spent before the first scenario could start.</summary>
    public string SpentFirst() => string.Create(CultureInfo.InvariantCulture,
        $"the --budget of {Limit!.Value.TotalSeconds:0} s was spent before the first scenario could start ({Elapsed.TotalSeconds:0} s gone since the command started)");

    /// <summary>What the run's progress says when the budget stops it.</summary>
    public string Why(int done) => string.Create(CultureInfo.InvariantCulture,
        $"  the --budget of {Limit!.Value.TotalSeconds:0} s leaves no time for another scenario ({Elapsed.TotalSeconds:0} s gone since the start, {MeanScenario.TotalSeconds:0.#} s a scenario on average): {done} scenario(s) run");
}
