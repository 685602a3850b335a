using PauseResume.Simulator.Hosting;

var options = CommandLine.Parse(args, TimeProvider.System.GetUtcNow(), out var error);
if (options is null)
{
    await (error is null ? Console.Out : Console.Error).WriteLineAsync(error is null ? CommandLine.Usage : $"error: {error}\n\n{CommandLine.Usage}");
    return error is null ? 0 : 2;
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
