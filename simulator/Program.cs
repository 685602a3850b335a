using PauseResume.Simulator.Hosting;

var commandLine = CommandLine.Read(args, TimeProvider.System.GetUtcNow());
if (commandLine.Options is not { } options)
{
    return await commandLine.ReplyAsync(Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
builder.Services.AddRecorderSimulator(simulator =>
{
    simulator.World = options.World;
    simulator.Control = options.Control;
    simulator.Faults = [.. options.Faults];
});
builder.AddConsoleRequestLog();
builder.WebHost.UseUrls(options.Urls);
await using var app = builder.Build();
app.MapRecorderSimulator();
return await app.RunStandaloneAsync(options);
