using System.Text.RegularExpressions;

namespace PauseResume.Conformance.Model;

/// <summary>
/// The access rules' phone masks, written independently of the simulator's matcher so the two cannot share a
/// mistake: <c>?</c> is one character, <c>*</c> any rest.
/// </summary>
internal static class Masks
{
    public static bool Match(string mask, string number) =>
        Regex.IsMatch(number, "^" + string.Concat(mask.Select(c => c switch { '?' => ".", '*' => ".*", _ => Regex.Escape(c.ToString()) })) + "$", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
}
