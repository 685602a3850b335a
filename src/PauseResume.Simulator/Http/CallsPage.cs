using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using PauseResume.Simulator.Domain;
using PauseResume.Simulator.Json;

namespace PauseResume.Simulator.Http;

/// <summary>
/// <c>GET /simulator/calls</c>, a page at a time: the couples in id order from <c>after</c> (a couple id, exclusive), at most
/// <c>limit</c> of them (<see cref="MaxCouples"/> unless fewer are asked for) and no more than about
/// <see cref="MaxIntervals"/> pause intervals; where more follow, a <c>Link: &lt;…&gt;; rel="next"</c> header gives the next
/// page. The body stays the array it always was, so a caller of a small world reads it whole as before; a world of a million
/// couples, or 18,000 couples with 1,000 intervals each, was one answer of gigabytes (GEN-3).
/// </summary>
internal static class CallsPage
{
    public const int MaxCouples = 10_000;

    public const int MaxIntervals = 100_000;

    public static IResult List(HttpContext context, Recorder recorder, string? ended, string? limit, string? after)
    {
        // Read by hand: a failed binding of bool? or int? would be a 400 with an empty body.
        if (ended is not null && !bool.TryParse(ended, out _))
        {
            return ControlApi.BadRequest($"ended must be true or false, not '{ended}'");
        }

        var count = MaxCouples;
        if (limit is not null && !(int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count is >= 1 and <= MaxCouples))
        {
            return ControlApi.BadRequest($"limit must be a whole number from 1 to {MaxCouples}, not '{limit}'");
        }

        var from = after is null ? long.MinValue : CoupleId.Parse(after);
        if (from is null)
        {
            return ControlApi.BadRequest($"after must be a couple id (the last one of the previous page), not '{after}'");
        }

        var (couples, more) = recorder.CouplesAfter(from.Value, count, includeEnded: ended is not null && bool.Parse(ended));
        var page = new List<CoupleJson>(couples.Count);
        var intervals = 0;
        foreach (var couple in couples)
        {
            if (page.Count > 0 && intervals + couple.History.Count > MaxIntervals)
            {
                more = true;
                break;
            }

            intervals += couple.History.Count;
            page.Add(CoupleJson.From(couple));
        }

        if (more)
        {
            var query = new QueryBuilder();
            if (ended is not null)
            {
                query.Add("ended", ended);
            }

            if (limit is not null)
            {
                query.Add("limit", limit);
            }

            query.Add("after", page[^1].CoupleId.ToString(CultureInfo.InvariantCulture));
            context.Response.Headers.Link = $"<{context.Request.PathBase}{context.Request.Path}{query}>; rel=\"next\"";
        }

        return Results.Json(page, SimulatorJsonContext.Answers.ListCoupleJson);
    }
}
