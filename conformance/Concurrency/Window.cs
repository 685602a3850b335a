using System.Globalization;
using System.Text;

namespace PauseResume.Conformance.Concurrency;

/// <summary>
/// A stretch of a couple's history that no order can explain, whatever state the couple was in when it began: the
/// operations answered in it, those cut by its edges taken as optional. Printed as a text timeline.
/// </summary>
internal sealed record Window(long Couple, TimeSpan From, TimeSpan To, IReadOnlyList<Operation> Operations)
{
    private const int Width = 48;

    public string Timeline()
    {
        var text = new StringBuilder();
        var start = Operations.Min(o => o.Invoked);
        var end = Operations.Max(o => o.Completed ?? o.Invoked);
        var span = Math.Max((end - start).Ticks, 1);
        int Column(TimeSpan t) => (int)Math.Clamp((t - start).Ticks * (Width - 1) / span, 0, Width - 1);
        text.Append(CultureInfo.InvariantCulture, $"couple {Couple}: no order of these {Operations.Count} operations explains what was read, whatever its state before them (ms since the run started)\n");
        foreach (var op in Operations.OrderBy(o => o.Invoked))
        {
            var bar = new char[Width];
            Array.Fill(bar, ' ');
            var from = Column(op.Invoked);
            var to = op.Completed is { } c ? Column(c) : Width - 1;
            for (var i = from; i <= to; i++)
            {
                bar[i] = '=';
            }

            bar[from] = '[';
            bar[to] = op.Completed is null ? '>' : ']';
            var times = op.Completed is { } done ? $"{Ms(op.Invoked)}–{Ms(done)}" : $"{Ms(op.Invoked)}–no answer";
            text.Append(CultureInfo.InvariantCulture, $"  {op.Login,-10} |{new string(bar)}| {op.Describe()}  ({times})\n");
        }

        return text.ToString();
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture);
}
