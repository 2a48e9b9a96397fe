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

    [Theory]
    [InlineData(3 * 4096 - 1)]
    [InlineData(3 * 4096)]
    [InlineData(3 * 4096 + 23)]
    [InlineData(100_003)]
    [InlineData(8 * 1024 * 1024 + 7)]
    public void Lengths_long_enough_for_three_lanes_give_the_polynomial_s_checksum(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);

        Assert.Equal(Base64Of(data), Crc32C.ToBase64(Crc32C.Append(0, data)));
        Assert.Equal(Crc32C.Append(0, data), Crc32C.Append(Crc32C.Append(0, data.AsSpan(0, 5)), data.AsSpan(5)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4099)]
    public void Shifting_a_state_past_zeros_equals_reading_the_zeros(int zeros)
    {
        const uint state = 0x1234ABCD;

        // Append inverts the state on the way in and out; the shift works on the raw state.
        Assert.Equal(~Crc32C.Append(~state, new byte[zeros]), Crc32C.ShiftByZeros(state, zeros));
    }
}
