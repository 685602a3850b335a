using Microsoft.Playwright;

namespace PauseResume.Dashboard.Tests.Support;

/// <summary>
/// The system's Chromium (Debian's package), headless, driven by Playwright's own driver. It is never downloaded: a
/// machine without it fails these tests, with the command that installs it, rather than skipping them.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/lib/chromium/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        File.Exists(ExecutablePath).ShouldBeTrue($"the dashboard tests need Chromium at {ExecutablePath}: apt-get install -y chromium");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
