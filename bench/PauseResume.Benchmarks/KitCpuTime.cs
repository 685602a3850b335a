using System.Diagnostics;
using System.Globalization;

namespace PauseResume.Benchmarks;

/// <summary>
/// The kit's commands per second by the clock and by the processor time this process used (<c>--kit-cpu SECONDS</c>):
/// on a machine shared with other work the clock also counts the time other processes had the cores, the processor
/// time does not. The same three measurements as <see cref="KitBenchmarks"/>, each repeated for the seconds given
/// after a warm-up pass.
/// </summary>
internal static class KitCpuTime
{
    public static async Task<int> RunAsync(double seconds)
    {
        var kit = new KitBenchmarks();
        kit.SetUp();
        try
        {
            Console.WriteLine("| measurement | commands | wall s | CPU s | commands/s (wall) | commands/s (CPU) | µs a command (CPU) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            await MeasureAsync("the kit and the in-process simulator (GeneratedCommands)", seconds, kit.GeneratedCommands);
            await MeasureAsync("the kit alone, on recorded answers (KitOwnShare)", seconds, kit.KitOwnShare);
            await MeasureAsync("drawing the commands (Generating)", seconds, () => Task.FromResult(kit.Generating()));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\n{kit.RequestsPerPass} requests for the {KitBenchmarks.Commands} commands of a pass ({kit.RequestsPerPass / (double)KitBenchmarks.Commands:0.00} a command), control API included"));
        }
        finally
        {
            kit.CleanUp();
        }

        return 0;
    }

    private static async Task MeasureAsync(string what, double seconds, Func<Task<int>> pass)
    {
        await pass(); // warm-up: JIT and tiering
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var commands = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await pass();
            commands += KitBenchmarks.Commands;
        }

        clock.Stop();
        process.Refresh();
        var used = (process.TotalProcessorTime - cpu).TotalSeconds;
        var wall = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {commands} | {wall:0.00} | {used:0.00} | {commands / wall:0} | {commands / used:0} | {used * 1e6 / commands:0.0} |"));
    }
}
