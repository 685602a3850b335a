using System.Runtime.InteropServices;
using PauseResume.Conformance.Cli;

// Ctrl+C and SIGTERM end the run gracefully: couples paused on a real recorder are put back first.
using var interrupted = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await KitCommand.RunAsync(args, Console.Out, Console.Error, cancellationToken: interrupted.Token);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    interrupted.Cancel();
}
