using System.Security.Cryptography;

namespace Mapbox.Uploads.Emulator;

/// <summary>Random identifiers and secrets shaped like the real service's.</summary>
internal static class RandomText
{
    private const string LowercaseAndDigits = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string UppercaseAndDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>An upload id: 25 lowercase letters and digits, starting with <c>c</c> as the service's cuids do.</summary>
    public static string UploadId() => "c" + RandomNumberGenerator.GetString(LowercaseAndDigits, 24);

    public static string LowercaseId(int length) => RandomNumberGenerator.GetString(LowercaseAndDigits, length);

    public static string AccessKeyId() => "ASIA" + RandomNumberGenerator.GetString(UppercaseAndDigits, 16);

    public static string SecretAccessKey() => RandomNumberGenerator.GetString(Base64Alphabet, 40);

    public static string SessionToken() => "FwoGZXIvYXdzE" + RandomNumberGenerator.GetString(Base64Alphabet, 300);

    public static string Base64Url(int length) => RandomNumberGenerator.GetString(Base64UrlAlphabet, length);
}
