using System.Collections.Immutable;
using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Targets;

/// <summary>
/// An account given on the command line as LOGIN:PASSWORD:RIGHTS, RIGHTS being none, list or list,pause, optionally
/// followed by ;masks=1001?|6*. The rights are what the account is expected to have; the kit checks the server agrees.
/// </summary>
internal static class Account
{
    public static ModelUser? Parse(string text, out string? error)
    {
        error = null;
        var parts = text.Split(':', 3);
        if (parts.Length != 3 || parts[0].Length == 0)
        {
            error = $"--account needs LOGIN:PASSWORD:RIGHTS, not '{text}'";
            return null;
        }

        var rightsAndMasks = parts[2].Split(';', 2);
        var rights = rightsAndMasks[0].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (rights.Except(["none", "list", "pause"], StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } unknown)
        {
            error = $"--account {parts[0]}: unknown right '{unknown}'; use none, list or list,pause";
            return null;
        }

        var masks = ImmutableArray<string>.Empty;
        if (rightsAndMasks.Length == 2)
        {
            if (!rightsAndMasks[1].StartsWith("masks=", StringComparison.OrdinalIgnoreCase) || rightsAndMasks[1].Length == "masks=".Length)
            {
                error = $"--account {parts[0]}: after the rights, only ;masks=MASK|MASK is understood";
                return null;
            }

            masks = [.. rightsAndMasks[1]["masks=".Length..].Split('|', StringSplitOptions.RemoveEmptyEntries)];
        }

        return new ModelUser(parts[0], parts[1], rights.Contains("list"), rights.Contains("pause"), masks);
    }
}
