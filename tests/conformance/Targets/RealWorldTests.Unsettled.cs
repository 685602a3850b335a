using PauseResume.Conformance.Profiles;
using PauseResume.Conformance.Scenarios;
using PauseResume.Conformance.Targets;
using PauseResume.Conformance.Tests.Support;
using PauseResume.Simulator.Tests.Support;

namespace PauseResume.Conformance.Tests.Targets;

/// <summary>The clean-up's wait for the kit's own request to show in details that lag, where a read during it fails.</summary>
public sealed partial class RealWorldTests
{
    /// <summary>
    /// PSE-1 (how soon details show a change is not documented): the kit paused a recording couple, its details showed the
    /// pause a second later, and the kit resumed it; the clean-up reads it paused (the lag) and waits for the resume to
    /// show. A read during that wait that a fault meets is sent again (a read changes nothing); one answered without a
    /// document cuts the wait short, and then the kit cannot tell its own request shown late from someone else's hold:
    /// it sends nothing and keeps the state as found. Taking the lagging read for a hold made the final audit call the
    /// couple left changed on a faithful recorder: a documented rule broken that was not.
    /// </summary>
    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    public async Task A_lagging_read_the_clean_up_could_not_read_again_is_not_taken_for_someone_elses_hold(int answer)
    {
        // Arrange: details a second behind, one replica for every client (the observer's too); once armed, the second
        // details read is answered `answer` without a document
        var armed = 0;
        var lagging = LaggingDetails.LaggingBy(TimeSpan.FromSeconds(1));
        await using var inner = new InProcessTarget((recorder, handler) => lagging(recorder, new Rewriting(async (request, send) =>
            request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/couples.xml/", StringComparison.Ordinal) && Interlocked.Decrement(ref armed) == 0
                ? new HttpResponseMessage((System.Net.HttpStatusCode)answer)
                : await send(request)) { InnerHandler = handler }));
        var id = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken)).Single().Id;
        var real = await RealWorld.ObserveAsync(new ObservedTarget(inner), Accounts, [id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = inner.CreateClient();
        var kit = await LoggedInAsync(http);
        var pausedState = $"callrec/restful/couples.xml/{id}/pausedState";
        (await kit.SendAsync(0, HttpMethod.Post, pausedState, "paused=true", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);
        await Task.Delay(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken);
        (await kit.SendAsync(0, HttpMethod.Post, pausedState, "paused=false", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);
        var before = kit.Sent.Count;
        Interlocked.Exchange(ref armed, 2);

        // Act
        await real.CleanUpAsync(kit, new HashSet<long> { id }, Settle, TestContext.Current.CancellationToken, KitProfile.Default);
        var audit = await real.AuditAsync(Settle, TimeSpan.Zero, TestContext.Current.CancellationToken);

        // Assert
        Volatile.Read(ref armed).ShouldBeLessThan(0, "the clean-up read the couple again after the failed read");
        kit.Sent.Skip(before).Where(e => e.PathAndQuery.Contains("pausedState", StringComparison.Ordinal)).ShouldBeEmpty("the kit's own requests left the couple recording: nothing to put back");
        (await inner.Control!.PausedStatesAsync(TestContext.Current.CancellationToken)).Single(c => c.Id == id).Paused.ShouldBeFalse("PSE-1: recording, as the kit's resume left it");
        audit.Changed.ShouldBeEmpty("the couple is recording, as it was found");
        audit.Unchecked.ShouldBeEmpty("the audit read it recording, as found");
        if (answer == 503)
        {
            real.Notes.ShouldBeEmpty("the read a fault met was sent again, and the wait ran to its end");
        }
        else
        {
            real.Notes.ShouldHaveSingleItem().ShouldContain("could not be read again");
        }
    }

    /// <summary>
    /// PSE-2 (pausedParameter, measured jaxrs-lenient): a misspelt 'pause=true' is read as paused=false, a resume of a
    /// recording couple that changes nothing. A couple that reads recording after it, as found, is sent nothing: a
    /// put-back "in case it paused" would end a hold an agent put on since (details that lag hide it).
    /// </summary>
    [Fact]
    public async Task A_misspelt_pause_a_measured_lenient_recorder_read_as_a_resume_gets_no_put_back()
    {
        // Arrange
        var lenient = KitProfile.JaxRsLenient with { Measured = [ProfileSettings.PausedParameter] };
        await using var inner = new InProcessTarget();
        inner.Control!.ServerProfile = ProfileJson.Write(KitProfile.JaxRsLenient);
        var id = (await inner.Control.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken)).Single().Id;
        var real = await RealWorld.ObserveAsync(new ObservedTarget(inner), Accounts, [id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = inner.CreateClient();
        var kit = await LoggedInAsync(http);
        (await kit.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{id}/pausedState", "pause=true", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);
        var before = kit.Sent.Count;

        // Act
        await real.CleanUpAsync(kit, new HashSet<long> { id }, Settle, TestContext.Current.CancellationToken, lenient);

        // Assert
        kit.Sent.Skip(before).Where(e => e.PathAndQuery.Contains("pausedState", StringComparison.Ordinal)).ShouldBeEmpty("the misspelt pause was read as a resume of the recording couple: nothing to put back");
        (await inner.Control.PausedStatesAsync(TestContext.Current.CancellationToken)).Single(c => c.Id == id).Paused.ShouldBeFalse();
    }

    /// <summary>The clean-up sends a details read a fault met again, but not one that got no answer in time: against a recorder that no longer answers each read would cost three timeouts.</summary>
    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 3)]
    public async Task A_details_read_that_timed_out_is_not_sent_again_by_the_clean_up(bool timeout, int reads)
    {
        // Arrange: once armed, every details read times out, or is answered 503
        var armed = 0;
        var sent = 0;
        await using var inner = new InProcessTarget((_, handler) => new Rewriting(async (request, send) =>
        {
            if (Volatile.Read(ref armed) == 1 && request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/couples.xml/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref sent);
                return timeout ? throw new TaskCanceledException("no answer in time") : new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);
            }

            return await send(request);
        }) { InnerHandler = handler });
        var id = (await inner.Control!.ResetAsync(new WorldSpec(1, [.. Accounts], [new CallSpec("5550101", "10021", "10.0.0.5", "10.0.1.21")]), TestContext.Current.CancellationToken)).Single().Id;
        var real = await RealWorld.ObserveAsync(new ObservedTarget(inner), Accounts, [id], allowPause: true, TimeSpan.Zero, TestContext.Current.CancellationToken);
        using var http = inner.CreateClient();
        var kit = await LoggedInAsync(http);
        (await kit.SendAsync(0, HttpMethod.Post, $"callrec/restful/couples.xml/{id}/pausedState", "paused=true", cancellationToken: TestContext.Current.CancellationToken)).Status.ShouldBe(204);
        Volatile.Write(ref armed, 1);

        // Act: the clean-up's read of the couple before its put-back
        try
        {
            await real.CleanUpAsync(kit, new HashSet<long> { id }, TimeSpan.Zero, TestContext.Current.CancellationToken, KitProfile.Default);
        }
        finally
        {
            Volatile.Write(ref armed, 0);
        }

        // Assert: the first read of the details (the put-back's own reads come after it; the list of the calls, before)
        static bool Details((string Method, string PathAndQuery, string? Form, int? Status) e) => e.Method == "GET" && e.PathAndQuery.Contains("/couples.xml/", StringComparison.Ordinal);
        kit.Sent.Where(Details).Take(reads).ShouldAllBe(e => e.Status == null || e.Status == 503);
        Volatile.Read(ref sent).ShouldBeGreaterThanOrEqualTo(reads);
        kit.Sent.SkipWhile(e => !Details(e)).TakeWhile(Details).Count().ShouldBe(reads, string.Join("\n", kit.Sent.Select(e => $"{e.Method} {e.PathAndQuery} {e.Status}")));
    }
}
