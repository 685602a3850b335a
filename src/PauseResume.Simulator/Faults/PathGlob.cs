namespace PauseResume.Simulator.Faults;

/// <summary>A path glob: <c>*</c> any run of characters (slashes too), <c>?</c> one character, the rest literal, any case.</summary>
internal static class PathGlob
{
    // Two-pointer matching with one backtrack point: linear in practice, never exponential, whatever the glob.
    public static bool Matches(string glob, string path)
    {
        int g = 0, p = 0, star = -1, resume = 0;
        while (p < path.Length)
        {
            if (g < glob.Length && glob[g] == '*')
            {
                star = g++; // before the literal test: a '*' in the glob is never used up by a '*' in the path
                resume = p;
            }
            else if (g < glob.Length && (glob[g] == '?' || char.ToUpperInvariant(glob[g]) == char.ToUpperInvariant(path[p])))
            {
                g++;
                p++;
            }
            else if (star >= 0)
            {
                g = star + 1;
                p = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (g < glob.Length && glob[g] == '*')
        {
            g++;
        }

        return g == glob.Length;
    }
}
