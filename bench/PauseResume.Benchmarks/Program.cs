using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Figures, not verdicts: nothing here fails on a timing, but a benchmark whose setup or run fails exits non-zero.
// BenchmarkDotNet's own options pass through, for example --filter '*Checker*'. --smoke runs every benchmark once
// (BenchmarkDotNet's dry job), which proves they all run, in seconds. The benchmarks run in this process (no
// generated project to build) with BenchmarkDotNet's short job, which keeps a run short on a small machine.
// --kit-cpu SECONDS measures the kit's commands per second by processor time as well as by the clock (KitCpuTime).
if (args is ["--kit-cpu", var kitSeconds])
{
    return await PauseResume.Benchmarks.KitCpuTime.RunAsync(double.Parse(kitSeconds, System.Globalization.CultureInfo.InvariantCulture));
}

var smoke = args.Contains("--smoke");
var job = (smoke ? Job.Dry : Job.ShortRun).WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(10), logOutput: true)).AsDefault();
var config = DefaultConfig.Instance.AddJob(job);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(PauseResume.Benchmarks.CheckerBenchmarks).Assembly).Run([.. args.Where(a => a != "--smoke")], config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
