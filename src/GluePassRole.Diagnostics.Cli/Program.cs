using GluePassRole.Diagnostics.Cli;

return await CliApplication.RunAsync(args, Console.Out, Console.Error, Console.In).ConfigureAwait(false);
