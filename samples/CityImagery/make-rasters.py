#!/usr/bin/env python3
"""Writes the sample's two GeoTIFFs from scratch (standard library only), so that their bytes are explained here:

  data/lindenau-aerial.tif     32 x 32 pixels, 8-bit RGB (for a "raster" recipe): meadow green, the river in blue,
                               a grey street; about 3 KB.
  data/lindenau-elevation.tif  16 x 16 pixels, one float32 band of heights in metres (for a "rasterarray" recipe);
                               about 1 KB.

Both are uncompressed, one strip, little-endian, over Leipzig-Lindenau (lon 12.30..12.34, lat 51.33..51.35) in
EPSG:4326, with the GeoTIFF tags GDAL reads: ModelPixelScale, ModelTiepoint and a GeoKeyDirectory naming the CRS.
Run from this folder: python3 make-rasters.py (the output is the same every time).
"""
import struct

WEST, NORTH, EAST, SOUTH = 12.30, 51.35, 12.34, 51.33
SHORT, LONG, DOUBLE = 3, 4, 12
SIZES = {SHORT: 2, LONG: 4, DOUBLE: 8}
FORMATS = {SHORT: "H", LONG: "I", DOUBLE: "d"}


def geotiff(width, height, samples, bits, sample_format, photometric, pixels):
    """One-strip GeoTIFF bytes; pixels are the strip's bytes, row by row."""
    keys = [1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326]  # geographic, PixelIsArea, EPSG:4326
    tags = sorted([
        (256, SHORT, [width]), (257, SHORT, [height]), (258, SHORT, [bits] * samples), (259, SHORT, [1]),
        (262, SHORT, [photometric]), (273, LONG, [0]), (277, SHORT, [samples]), (278, SHORT, [height]),
        (279, LONG, [len(pixels)]), (284, SHORT, [1]), (339, SHORT, [sample_format] * samples),
        (33550, DOUBLE, [(EAST - WEST) / width, (NORTH - SOUTH) / height, 0.0]),
        (33922, DOUBLE, [0.0, 0.0, 0.0, WEST, NORTH, 0.0]),
        (34735, SHORT, keys),
    ])
    directory_at = 8
    out_of_line_at = directory_at + 2 + 12 * len(tags) + 4
    out_of_line = b""
    for _, kind, values in tags:
        size = SIZES[kind] * len(values)
        if size > 4:
            out_of_line += b"\0" * (size + size % 2)
    pixels_at = out_of_line_at + len(out_of_line)

    header = b"II" + struct.pack("<HI", 42, directory_at)
    directory = struct.pack("<H", len(tags))
    out_of_line = b""
    for tag, kind, values in tags:
        if tag == 273:
            values = [pixels_at]
        field = struct.pack("<" + FORMATS[kind] * len(values), *values)
        if len(field) <= 4:
            directory += struct.pack("<HHI", tag, kind, len(values)) + field.ljust(4, b"\0")
        else:
            directory += struct.pack("<HHII", tag, kind, len(values), out_of_line_at + len(out_of_line))
            out_of_line += field + b"\0" * (len(field) % 2)
    directory += struct.pack("<I", 0)  # no next directory
    return header + directory + out_of_line + pixels


def aerial():
    rows = []
    for y in range(32):
        for x in range(32):
            if abs(x - y) <= 2:
                rgb = (52, 101, 164)    # the White Elster, running north-west to south-east
            elif y in (20, 21):
                rgb = (150, 150, 150)   # a street
            else:
                rgb = (96 + (x * y) % 24, 152 - y, 72)  # meadow, darker to the south
            rows.append(bytes(rgb))
    return geotiff(32, 32, 3, 8, 1, 2, b"".join(rows))


def elevation():
    heights = [110.0 + 0.75 * x - 0.5 * y for y in range(16) for x in range(16)]
    return geotiff(16, 16, 1, 32, 3, 1, struct.pack("<256f", *heights))


if __name__ == "__main__":
    for name, data in (("data/lindenau-aerial.tif", aerial()), ("data/lindenau-elevation.tif", elevation())):
        with open(name, "wb") as file:
            file.write(data)
        print(f"{name}: {len(data)} bytes")
