using System;
using System.Text;
using Mapbox.Uploads.Staging;

namespace Mapbox.Uploads.Tests.Staging;

public class Crc32CTests
{
    /// <summary>The CRC-32C of <paramref name="data"/> as S3's header writes it, computed bit by bit from the polynomial.</summary>
    public static string Base64Of(byte[] data)
    {
        var state = ~0u;
        foreach (var b in data)
        {
            state ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                state = (state & 1) != 0 ? (state >> 1) ^ 0x82F63B78 : state >> 1;
            }
        }

        var crc = ~state;
        return Convert.ToBase64String(new[] { (byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc });
    }

    [Fact]
    public void The_check_value_of_the_standard_is_reproduced()
    {
        // CRC-32C of "123456789" is 0xE3069283 (RFC 3720, appendix B.4).
        Assert.Equal(0xE3069283u, Crc32C.Append(0, Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal("4waSgw==", Crc32C.ToBase64(0xE3069283u));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(1000)]
    public void Appending_in_pieces_equals_the_whole(int split)
    {
        var data = new byte[1003];
        new Random(split).NextBytes(data);

        var whole = Crc32C.Append(0, data);
        var pieces = Crc32C.Append(Crc32C.Append(0, data.AsSpan(0, split)), data.AsSpan(split));

        Assert.Equal(whole, pieces);
        Assert.Equal(Base64Of(data), Crc32C.ToBase64(whole));
    }
}
