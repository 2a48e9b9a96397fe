using System;

namespace Mapbox.Uploads.Tokens;

internal static class Base64Url
{
    public static bool TryDecode(string text, out byte[] bytes)
    {
        var standard = text.Replace('-', '+').Replace('_', '/');
        switch (standard.Length % 4)
        {
            case 2: standard += "=="; break;
            case 3: standard += "="; break;
            case 1: bytes = Array.Empty<byte>(); return false;
        }

        try
        {
            bytes = Convert.FromBase64String(standard);
            return true;
        }
        catch (FormatException)
        {
            bytes = Array.Empty<byte>();
            return false;
        }
    }
}
