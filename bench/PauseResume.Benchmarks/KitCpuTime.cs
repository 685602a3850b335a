using System.Diagnostics;
using System.Globalization;

namespace PauseResume.Benchmarks;

/// <summary>
/// The kit's commands per second by the clock and by the processor time this process used (<c>--kit-cpu SECONDS</c>):
/// on a machine shared with other work the clock also counts the time other processes had the cores, the processor
/// time does not. The same three measurements as <see cref="KitBenchmarks"/>, each repeated for the seconds given
/// after a warm-up. The first pass is timed alone (a short kit run in a fresh test process is mostly that: code not yet
/// compiled, or compiled without optimisation), then passes are run, untimed, for the warm-up's seconds, in which the
/// runtime recompiles the hot code optimised (tiered compilation); what follows is the steady rate.
/// </summary>
internal static class KitCpuTime
{
    public static async Task<int> RunAsync(double seconds, double warmupSeconds)
    {
        var kit = new KitBenchmarks();
        kit.SetUp();
        try
        {
            Console.WriteLine("| measurement | commands | wall s | CPU s | commands/s (wall) | commands/s (CPU) | µs a command (CPU) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            await MeasureAsync("the kit and the in-process simulator (GeneratedCommands)", "its first pass in a fresh process", seconds, warmupSeconds, kit.GeneratedCommands);
            await MeasureAsync("the kit alone, on recorded answers (KitOwnShare)", "its first pass, after the measurement above", seconds, warmupSeconds, kit.KitOwnShare);
            await MeasureAsync("drawing the commands (Generating)", "its first pass, after the measurements above", seconds, warmupSeconds, () => Task.FromResult(kit.Generating()));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\n{kit.RequestsPerPass} requests for the {KitBenchmarks.Commands} commands of a pass ({kit.RequestsPerPass / (double)KitBenchmarks.Commands:0.00} a command), control API included"));
        }
        finally
        {
            kit.CleanUp();
        }

        return 0;
    }

    private static async Task MeasureAsync(string what, string firstPass, double seconds, double warmupSeconds, Func<Task<int>> pass)
    {
        await TimeAsync($"{what}, {firstPass}", 0, pass);
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed.TotalSeconds < warmupSeconds)
        {
            await pass();
        }

        await TimeAsync(string.Create(CultureInfo.InvariantCulture, $"{what}, after {warmupSeconds:0.#} s of warm-up"), seconds, pass);
    }

    /// <summary>Passes for at least <paramref name="seconds"/> (one pass if zero), timed by the clock and by processor time.</summary>
    private static async Task TimeAsync(string what, double seconds, Func<Task<int>> pass)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var commands = 0;
        do
        {
            await pass();
            commands += KitBenchmarks.Commands;
        }
        while (clock.Elapsed.TotalSeconds < seconds);

        clock.Stop();
        process.Refresh();
        var used = (process.TotalProcessorTime - cpu).TotalSeconds;
        var wall = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {commands} | {wall:0.00} | {used:0.00} | {commands / wall:0} | {commands / used:0} | {used * 1e6 / commands:0.0} |"));
    }
}
