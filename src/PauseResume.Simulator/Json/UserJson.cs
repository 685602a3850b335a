using PauseResume.Simulator.Domain;

namespace PauseResume.Simulator.Json;

/// <summary>A user as the control API and world files write it: <c>login</c>, <c>password</c>, <c>permissions</c>, <c>phoneMasks</c>.</summary>
public sealed record UserJson(string? Login, string? Password, IReadOnlyList<string?>? Permissions, IReadOnlyList<string?>? PhoneMasks)
{
    public static UserJson From(User user) => new(user.Login, null, WireNames.Of(user.Permissions), user.PhoneMasks);

    /// <summary>The longest login or password a user may have: a recorder's login field's worth (an e-mail address fits).</summary>
    public const int MaxLength = 256;

    public Checked<User> ToUser(string at)
    {
        if (string.IsNullOrEmpty(Login))
        {
            return Checked<User>.Fail($"{at}.login: required");
        }

        // A login is printed in the banner, the log and the dashboard: a control character there would drive the
        // operator's terminal, and a huge one costs every line that quotes it.
        if (Login.Length > MaxLength || Login.Any(char.IsControl))
        {
            return Checked<User>.Fail($"{at}.login: 1 to {MaxLength} characters without control characters, not {(Login.Length > MaxLength ? $"{Login.Length} characters" : "one with a control character")}");
        }

        if (Password is null)
        {
            return Checked<User>.Fail($"{at}.password: required");
        }

        if (Password.Length > MaxLength)
        {
            return Checked<User>.Fail($"{at}.password: at most {MaxLength} characters, not {Password.Length} characters");
        }

        var permissions = Domain.Permissions.None;
        foreach (var name in Permissions ?? [])
        {
            if (!WireNames.TryParse<Permissions>(name, out var permission) || permission == Domain.Permissions.None)
            {
                return Checked<User>.Fail($"{at}.permissions: unknown permission '{name}'; known: CallList, PauseAndResumeCalls");
            }

            permissions |= permission;
        }

        var masks = PhoneMasks ?? [];
        if (PhoneMask.Problem(masks) is { } problem)
        {
            return Checked<User>.Fail($"{at}.phoneMasks{problem}");
        }

        return Checked<User>.Ok(new User(Login, Password, permissions, masks.Select(m => m!).ToArray()));
    }
}
