using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Figures, not verdicts: nothing here fails on a timing, but a benchmark whose setup or run fails exits non-zero.
// BenchmarkDotNet's own options pass through, for example --filter '*Checker*'. --smoke runs every benchmark once
// (BenchmarkDotNet's dry job), which proves they all run, in seconds. The benchmarks run in this process (no
// generated project to build) with BenchmarkDotNet's short job, which keeps a run short on a small machine.
// --kit-cpu SECONDS [--warmup SECONDS] measures the kit's commands per second by processor time as well as by the
// clock, after a warm-up of that many seconds (default 10) in which the JIT tiers the code up (KitCpuTime).
if (args is ["--kit-cpu", ..])
{
    var invariant = System.Globalization.CultureInfo.InvariantCulture;
    if (args is not ([_, _] or [_, _, "--warmup", _])
        || !double.TryParse(args[1], invariant, out var seconds) || seconds <= 0
        || !double.TryParse(args.Length == 4 ? args[3] : "10", invariant, out var warmup) || warmup < 0)
    {
        await Console.Error.WriteLineAsync("usage: --kit-cpu SECONDS [--warmup SECONDS]  (SECONDS a positive number, the warm-up's 0 or more; default 10)");
        return 2;
    }

    return await PauseResume.Benchmarks.KitCpuTime.RunAsync(seconds, warmup);
}

var smoke = args.Contains("--smoke");
var job = (smoke ? Job.Dry : Job.ShortRun).WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(10), logOutput: true)).AsDefault();
var config = DefaultConfig.Instance.AddJob(job);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(PauseResume.Benchmarks.CheckerBenchmarks).Assembly).Run([.. args.Where(a => a != "--smoke")], config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
