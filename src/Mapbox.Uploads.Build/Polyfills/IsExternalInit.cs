#if !NET5_0_OR_GREATER
namespace System.Runtime.CompilerServices;

/// <summary>Lets the net472 build declare records; the compiler looks the type up by name.</summary>
internal static class IsExternalInit
{
}
#endif
