#!/usr/bin/env python3
"""Draws icons/icon.png (512x512 RGBA): a dark green rounded square crossed by two rails.
Standard library only, so it runs anywhere: python3 icons/make_icon.py"""
import os, struct, zlib

N = 512
def pixel(x, y):
    r = 96  # corner radius
    cx = min(max(x, r), N - 1 - r); cy = min(max(y, r), N - 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    d = x - y  # two diagonal rails
    if abs(d - 70) < 18 or abs(d + 70) < 18:
        return (226, 240, 220, 255)
    return (22, 78, 56, 255)

rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(N)) for y in range(N))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png"), "wb") as f:
    f.write(png)
