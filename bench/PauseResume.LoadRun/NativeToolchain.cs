using System.Diagnostics;

namespace PauseResume.LoadRun;

/// <summary>The C toolchain a Native AOT publish links with (clang, any version), installed from Debian when it is missing.</summary>
public static class NativeToolchain
{
    public static async Task EnsureInstalledAsync()
    {
        // The publish finds clang or a versioned clang-NN (Debian installs only the latter with clang-14 alone).
        if (await ShellAsync("command -v clang || ls /usr/bin/clang-[0-9]*") == 0)
        {
            return;
        }

        Console.WriteLine("clang is missing (Native AOT links with it): installing it with apt-get");
        if (await ShellAsync("apt-get install -y -qq clang zlib1g-dev") != 0
            && (await ShellAsync("apt-get update -qq") != 0 || await ShellAsync("apt-get install -y -qq clang zlib1g-dev") != 0))
        {
            throw new InvalidOperationException("clang is not installed and apt-get could not install it (apt-get install clang zlib1g-dev, as root)");
        }
    }

    private static async Task<int> ShellAsync(string command)
    {
        var info = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAll(output, error);
        return process.ExitCode;
    }
}
