using HealthScore.Core.Metrics;

namespace HealthScore.Core.Tests.Metrics;

public sealed class EventWindowTests
{
    private static readonly DateTimeOffset End = new(2026, 3, 31, 18, 0, 0, TimeSpan.FromHours(9));

    [Fact]
    public void TicksOffset_OnThisRuntime_IsFound()
    {
        // The vector path reads the time's ticks from the event's bytes; on the runtimes the library targets the probe
        // finds where they are. Were it not found, every window would fall back to one event at a time.
        Assert.InRange(EventWindow.TicksOffset, 0, System.Runtime.CompilerServices.Unsafe.SizeOf<ProductEvent>() - sizeof(long));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(17)]
    [InlineData(256)]
    public void Gather_RandomTimes_GivesThePositionsOneAtATimeGives(int length)
    {
        var random = new Random(length + 11);
        var window = TimeSpan.FromDays(30).Ticks;
        for (var round = 0; round < 50; round++)
        {
            var events = new ProductEvent[length];
            for (var i = 0; i < length; i++)
            {
                // Ages around both ends of the window, with other offsets from UTC, before and after the end.
                var age = random.Next(6) switch
                {
                    0 => 0L,
                    1 => window,
                    2 => window - 1,
                    3 => -1L,
                    _ => random.NextInt64(-window, 2 * window),
                };
                var offset = TimeSpan.FromMinutes(15 * random.Next(-40, 50));
                events[i] = new(new DateTimeOffset(End.UtcTicks - age, TimeSpan.Zero).ToOffset(offset), "u" + i, "f", 1);
            }

            var expected = Enumerable.Range(0, length).Where(i => End - events[i].Time >= TimeSpan.Zero && (End - events[i].Time).Ticks < window).ToArray();
            var vector = new int[length + 4];
            var scalar = new int[length + 4];
            var vectorCount = EventWindow.Gather(events, End.UtcTicks, window, vector);
            var scalarCount = EventWindow.Gather(events, End.UtcTicks, window, scalar, vectorized: false);

            Assert.Equal(expected, vector[..vectorCount]);
            Assert.Equal(expected, scalar[..scalarCount]);
        }
    }

    [Fact]
    public void Gather_BufferWithoutRoomForAWholeVector_FallsBackToOneAtATime()
    {
        var events = Enumerable.Range(0, 8).Select(i => new ProductEvent(End.AddDays(-i * 5), "u", "f")).ToArray();
        var picked = new int[events.Length];

        var count = EventWindow.Gather(events, End.UtcTicks, TimeSpan.FromDays(30).Ticks, picked);

        Assert.Equal([0, 1, 2, 3, 4, 5], picked[..count]);
    }
}
