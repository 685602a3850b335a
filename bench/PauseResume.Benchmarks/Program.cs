using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Figures, not verdicts: nothing here fails on a timing. BenchmarkDotNet's own options pass through, for example
// --filter '*Checker*', or --job dry for a smoke pass that only proves every benchmark runs. The benchmarks run in
// this process (no generated project to build) with BenchmarkDotNet's short job, which keeps a run short on a
// small machine.
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(10), logOutput: true)).AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(PauseResume.Benchmarks.CheckerBenchmarks).Assembly).Run(args, config);
