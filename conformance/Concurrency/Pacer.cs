namespace PauseResume.Conformance.Concurrency;

/// <summary>One rate limit shared by every agent, so a real recorder sees no more than --rate requests a second in all.</summary>
internal sealed class Pacer(TimeSpan interval, TimeProvider clock)
{
    private readonly Lock gate = new();
    private DateTimeOffset next = DateTimeOffset.MinValue;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        TimeSpan wait;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            var slot = next > now ? next : now;
            next = slot + interval;
            wait = slot - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }
}
