using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace TokenVersioning.Infrastructure.Caching;

/// <summary>
/// Tells the processor that a line of memory will be read soon, so that its trip from main memory overlaps work
/// that does not need it. A hint only: it reads nothing the program sees, cannot fault, and does nothing where the
/// instruction is missing.
/// </summary>
internal static class CacheLine
{
    /// <remarks>
    /// The address is taken without pinning: should the collector move the object in between, a stale line is
    /// fetched for nothing, which is harmless for a hint.
    /// </remarks>
    public static unsafe void Prefetch<T>(ref T at)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref at));
    }
}
