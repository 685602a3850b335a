using PauseResume.Conformance.Model;

namespace PauseResume.Conformance.Commands;

/// <summary>Why a list is wrong: the inferred rule a relaxed reading explains, or the couples and values to blame.</summary>
internal sealed partial record ListCommand
{
    /// <summary>
    /// The inferred rule a wrong list differs on where it holds every couple expected and beyond them only couples in
    /// progress that match each filter by a part of its value on the sides its direction names (LST-6: that values match
    /// exactly is inferred; a recorder may match as SQL's LIKE does), or match one filter of the two (LST-4: that both
    /// must match is inferred). Null: nothing inferred explains it, and the list breaks LST-3.
    /// </summary>
    private string? Relaxed(ModelState model, List<long> expected, List<long> actual, List<ModelCouple?> extra, string? phone, string? ip)
    {
        if (extra.Count == 0 || !expected.All(actual.Contains) || extra.Any(c => c is not { Known: true, Ended: false }))
        {
            return null;
        }

        var part = model.Profile.With(Profiles.ProfileSettings.FilterMatch, "part").Profile!;
        var both = Matching(part.With(Profiles.ProfileSettings.FilterJoin, "and").Profile!, phone, ip);
        var either = Matching(part.With(Profiles.ProfileSettings.FilterJoin, "or").Profile!, phone, ip);
        return extra.All(c => both(c!)) ? "LST-6"
            : phone is not null && ip is not null && extra.All(c => either(c!)) ? "LST-4"
            : null;
    }

    /// <summary>The rule a list with these filters checks: both filters (LST-4), a prefix (LST-6), one filter (LST-3).</summary>
    private string FilterRule(string? phone, string? ip) =>
        phone is not null && ip is not null ? "LST-4"
        : Phone.Value == ValueKind.Fragment || Ip.Value == ValueKind.Fragment ? "LST-6"
        : phone is not null || ip is not null ? "LST-3"
        : "LST-1";

    /// <summary>
    /// Which rule a wrong list breaks: ended couples listed (LST-7); with both filters, the kit asks for each filter
    /// alone (requests kept out of the transcript, since the scenario ends here): if each alone is right, the two are
    /// joined otherwise than by "and" (LST-4); otherwise the filter itself is misread (LST-3, or LST-6 for a prefix).
    /// </summary>
    private async Task<string> BlameAsync(StepContext context, ModelState model, List<long> actual, string? phone, string? ip, CancellationToken cancellationToken)
    {
        if (actual.Any(id => model.Couples.TryGetValue(id, out var c) && c.Ended))
        {
            return "LST-7";
        }

        if (phone is null || ip is null)
        {
            return FilterRule(phone, ip);
        }

        async Task<bool> AloneRightAsync(string name, string value, string directionName, string? direction, Func<ModelCouple, bool> match)
        {
            var query = new List<string>();
            Add(query, name, value, directionName, direction);
            var alone = await context.Wire.SendAsync(Slot, HttpMethod.Get, "callrec/restful/couples.xml?" + string.Join("&", query), record: false, cancellationToken: cancellationToken);
            var ids = Wire.Documents.List(alone.Body)?.Select(l => l.Id).Order().ToList();
            return ids is not null && ids.SequenceEqual(model.InProgress.Where(c => c.Known && match(c)).Select(c => c.Id).Order());
        }

        var phoneAlone = await AloneRightAsync("phoneNumber", phone, "phoneNumberDirection", Phone.Direction, Scoped(model, Matching(context.Model.Profile, phone, null), phone, null, []));
        var ipAlone = await AloneRightAsync("ipAddress", ip, "ipAddressDirection", Ip.Direction, Scoped(model, Matching(context.Model.Profile, null, ip), null, ip, []));
        return phoneAlone && ipAlone ? "LST-4" : Phone.Value == ValueKind.Fragment || Ip.Value == ValueKind.Fragment ? "LST-6" : "LST-3";
    }

    private static List<string> Values(IEnumerable<string?> values) =>
        values.OfType<string>().Where(v => v.Length > 1).Distinct().Order(StringComparer.Ordinal).ToList();

    private static List<string> OnBothSides(IEnumerable<(string Calling, string Called)> sides)
    {
        var pairs = sides.Where(s => s.Calling.Length > 1 && s.Called.Length > 1).ToList();
        return pairs.Select(p => p.Calling).Intersect(pairs.Select(p => p.Called), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The values the side a direction does not name carries in the couples to tell by, and no couple in progress carries on
    /// the side it names (LST-3): a couple listed for one is a direction read as BOTH.
    /// </summary>
    private static List<string> OnlyOnOtherSide(List<(string Calling, string Called)> inProgress, IEnumerable<(string Calling, string Called)> toTellBy, string? direction)
    {
        var (named, other) = direction switch
        {
            "CALLING" => (inProgress.Select(p => p.Calling), toTellBy.Select(p => p.Called)),
            "CALLED" => (inProgress.Select(p => p.Called), toTellBy.Select(p => p.Calling)),
            _ => ([], []),
        };
        return Values(other.Except(named, StringComparer.Ordinal));
    }

    /// <summary>The values three or more couples carry on the same side.</summary>
    private static List<string> Crowded(List<(string Calling, string Called)> sides) =>
        sides.Select(s => s.Calling).GroupBy(v => v, StringComparer.Ordinal).Concat(sides.Select(s => s.Called).GroupBy(v => v, StringComparer.Ordinal))
            .Where(g => g.Key.Length > 1 && g.Count() >= 3).Select(g => g.Key).Distinct().Order(StringComparer.Ordinal).ToList();

    private static void Add(List<string> query, string name, string? value, string directionName, string? direction)
    {
        if (value is not null)
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }

        if (direction is not null)
        {
            query.Add($"{directionName}={Uri.EscapeDataString(direction)}");
        }
    }
}
