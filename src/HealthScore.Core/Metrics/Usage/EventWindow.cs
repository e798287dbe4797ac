using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HealthScore.Core.Metrics;

/// <summary>
/// Finds the product events of a block that fall in a window, without a branch per event: events come in any order,
/// so "is it in the window" is a coin toss a branch predictor loses.
/// </summary>
/// <remarks>
/// With AVX2 the events' times are loaded four at a time into one vector (plain loads: a hardware gather is slower
/// on some processors), compared with the window's two ends, and the positions of those inside are packed by a 16-entry shuffle table and stored together. This reads the
/// time's ticks from the event's bytes, so it is used only when <see cref="TicksOffset"/> found, once per process,
/// where the runtime keeps a <see cref="DateTimeOffset"/>'s UTC ticks inside a <see cref="ProductEvent"/>; otherwise,
/// and for the last events of a block, one event at a time.
/// </remarks>
internal static class EventWindow
{
    /// <summary>The byte offset of <c>Time.UtcTicks</c> within a <see cref="ProductEvent"/>, or −1 when it could not be proven.</summary>
    internal static readonly int TicksOffset = FindTicksOffset();

    /// <summary>For each 4-bit mask of events in the window, the byte shuffle that moves their positions to the front.</summary>
    private static readonly byte[] PackTable = BuildPackTable();

    /// <summary>
    /// Writes to <paramref name="picked"/> the positions in <paramref name="block"/> of the events whose time is in the
    /// window (0 ≤ <paramref name="endTicks"/> − ticks &lt; <paramref name="windowTicks"/>), in order, and returns how many.
    /// </summary>
    /// <param name="block">The events.</param>
    /// <param name="endTicks">The window's end, in UTC ticks.</param>
    /// <param name="windowTicks">The window's length in ticks.</param>
    /// <param name="picked">At least <c>block.Length + 4</c> positions: the vector path stores four at a time.</param>
    /// <param name="vectorized">Whether to use the vector path where the machine has it (tests turn it off to compare).</param>
    /// <returns>How many events are in the window.</returns>
    internal static int Gather(ReadOnlySpan<ProductEvent> block, long endTicks, long windowTicks, Span<int> picked, bool vectorized = true)
    {
        var i = 0;
        var count = 0;
        if (vectorized && Avx2.IsSupported && TicksOffset >= 0 && picked.Length >= block.Length + Vector128<int>.Count)
        {
            count = GatherVectors(block, endTicks, windowTicks, picked, out i);
        }

        for (; i < block.Length; i++)
        {
            picked[count] = i;
            count += (ulong)(endTicks - block[i].Time.UtcTicks) < (ulong)windowTicks ? 1 : 0;
        }

        return count;
    }

    private static unsafe int GatherVectors(ReadOnlySpan<ProductEvent> block, long endTicks, long windowTicks, Span<int> picked, out int done)
    {
        var size = Unsafe.SizeOf<ProductEvent>();
        var lanes = Vector128<int>.Count;
        var full = block.Length - (block.Length % lanes);
        var end = Vector256.Create(endTicks);
        var below = Vector256.Create(-1L);
        var window = Vector256.Create(windowTicks);
        var positions = Vector128.Create(0, 1, 2, 3);
        var step = Vector128.Create(lanes);
        var count = 0;
        ref var table = ref MemoryMarshal.GetArrayDataReference(PackTable);
        ref var output = ref MemoryMarshal.GetReference(picked);
        fixed (byte* events = &Unsafe.As<ProductEvent, byte>(ref MemoryMarshal.GetReference(block)))
        {
            var ticks = events + TicksOffset;
            for (var i = 0; i < full; i += lanes)
            {
                // age = end − ticks is in the window when −1 < age < window.
                var at = ticks + ((nint)i * size);
                var age = end - Vector256.Create(*(long*)at, *(long*)(at + size), *(long*)(at + (2 * size)), *(long*)(at + (3 * size)));
                var inside = Avx2.CompareGreaterThan(age, below) & Avx2.CompareGreaterThan(window, age);
                var mask = (int)Avx.MoveMask(inside.AsDouble());
                var shuffle = Vector128.LoadUnsafe(ref table, (nuint)(mask * 16));
                Ssse3.Shuffle(positions.AsByte(), shuffle).AsInt32().StoreUnsafe(ref output, (nuint)(uint)count);
                count += BitOperations.PopCount((uint)mask);
                positions += step;
            }
        }

        done = full;
        return count;
    }

    private static byte[] BuildPackTable()
    {
        var table = new byte[16 * 16];
        for (var mask = 0; mask < 16; mask++)
        {
            var at = 0;
            for (var lane = 0; lane < 4; lane++)
            {
                if ((mask & (1 << lane)) == 0)
                {
                    continue;
                }

                for (var b = 0; b < 4; b++)
                {
                    table[(mask * 16) + (at * 4) + b] = (byte)((lane * 4) + b);
                }

                at++;
            }

            // Lanes past the packed ones repeat lane 0; they are overwritten by the next store or ignored.
            for (; at < 4; at++)
            {
                for (var b = 0; b < 4; b++)
                {
                    table[(mask * 16) + (at * 4) + b] = (byte)b;
                }
            }
        }

        return table;
    }

    /// <summary>
    /// Finds where a <see cref="ProductEvent"/> keeps its time's UTC ticks: the one 8-byte-aligned place that holds them
    /// for several times with different offsets from UTC, and none of the other fields' values.
    /// </summary>
    private static int FindTicksOffset()
    {
        var size = Unsafe.SizeOf<ProductEvent>();
        DateTimeOffset[] probes =
        [
            new(new DateTime(2024, 3, 9, 7, 30, 11, DateTimeKind.Unspecified), TimeSpan.FromHours(9)),
            new(new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Unspecified), TimeSpan.FromMinutes(-330)),
            new(new DateTime(2031, 6, 1, 0, 0, 1, DateTimeKind.Unspecified), TimeSpan.Zero),
        ];
        var found = -1;
        for (var offset = 0; offset + sizeof(long) <= size; offset += sizeof(long))
        {
            var everyProbe = true;
            foreach (var time in probes)
            {
                var e = new ProductEvent(time, "u", "f", 3, TimeSpan.FromTicks(time.UtcTicks ^ 0x5A5A));
                everyProbe &= Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref Unsafe.As<ProductEvent, byte>(ref e), offset)) == time.UtcTicks;
            }

            if (everyProbe)
            {
                if (found >= 0)
                {
                    return -1;
                }

                found = offset;
            }
        }

        return found;
    }
}
