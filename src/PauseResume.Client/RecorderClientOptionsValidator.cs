using Microsoft.Extensions.Options;

namespace PauseResume.Client;

/// <summary>Checks the options when the host starts, so a wrong address or timeout fails the start, not the first hold.</summary>
internal sealed class RecorderClientOptionsValidator : IValidateOptions<RecorderClientOptions>
{
    private static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaxLogoutOnDisposeTimeout = TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, RecorderClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BaseAddress is not { } root)
        {
            failures.Add("BaseAddress is required: the recorder's root, e.g. http://recorder:8080/");
        }
        else if (!root.IsAbsoluteUri || (root.Scheme != Uri.UriSchemeHttp && root.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"BaseAddress '{root}' must be an absolute http or https address, e.g. http://recorder:8080/");
        }
        else if (!root.AbsolutePath.EndsWith('/') || root.Query.Length > 0 || root.Fragment.Length > 0)
        {
            // The API's paths are relative to the root; without the slash the root's last segment would be dropped.
            failures.Add($"BaseAddress '{root}' must be the recorder's root ending with '/' and no query, e.g. http://recorder:8080/");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > MaxRequestTimeout)
        {
            failures.Add($"RequestTimeout {options.RequestTimeout} must be more than zero and at most {MaxRequestTimeout}");
        }

        if (options.LogoutOnDisposeTimeout <= TimeSpan.Zero || options.LogoutOnDisposeTimeout > MaxLogoutOnDisposeTimeout)
        {
            failures.Add($"LogoutOnDisposeTimeout {options.LogoutOnDisposeTimeout} must be more than zero and at most {MaxLogoutOnDisposeTimeout}");
        }

        if (!Enum.IsDefined(options.PausedPlacement))
        {
            failures.Add($"PausedPlacement {options.PausedPlacement} must be one of {string.Join(", ", Enum.GetNames<PausedPlacement>())}");
        }

        if (options.UnchangedPauseStatus is { } unchanged && ((int)unchanged is < 400 or > 499 or 401 or 403 or 404 or 405 or 407 or 408 or 410 or 426 or 429))
        {
            // These say the access, the couple or the method is wrong, the couple ended, or the recorder is busy (PSE-4,
            // DET-3), or ask for credentials or an upgrade: never "already so". A 400 may be either (PSE-2): the client
            // takes it as done only where the details show the state asked for.
            failures.Add($"UnchangedPauseStatus {(int)unchanged} must be a 4xx status other than 401, 403, 404, 405, 407, 408, 410, 426 and 429 (PSE-3)");
        }

        // SES-2: any cookie is enough, but it has to be one cookie, name=value.
        if (string.IsNullOrWhiteSpace(options.DummyCookie) || options.DummyCookie.IndexOf('=', StringComparison.Ordinal) < 1 || options.DummyCookie.Contains(';', StringComparison.Ordinal))
        {
            failures.Add($"DummyCookie '{options.DummyCookie}' must be one cookie, name=value (SES-2)");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures.Select(f => $"RecorderClientOptions.{f}"));
    }
}
