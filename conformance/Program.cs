using PauseResume.Conformance.Cli;

return await KitCommand.RunAsync(args, Console.Out, Console.Error);
