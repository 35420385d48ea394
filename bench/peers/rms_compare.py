#!/usr/bin/env python3
"""Per-second RMS level envelopes of WAV renders, compared with a reference render.

usage: rms_compare.py REF.wav NAME=OTHER.wav [NAME=OTHER.wav ...]

Reads 16/24/32-bit PCM and 32-bit float WAV (standard library only). For every other render it
prints the per-second level difference against the reference (other - ref, dB), the constant
offset (the median difference: a gain convention, not an error), and flags every second whose
difference differs from that offset by more than 3 dB. Seconds where both are below -70 dBFS are
skipped (silence vs silence says nothing).
"""
import array
import math
import struct
import sys

FLAG_DB = 3.0
SILENT_DB = -70.0


def read_wav(path):
    with open(path, 'rb') as f:
        data = f.read()
    if data[:4] != b'RIFF' or data[8:12] != b'WAVE':
        raise SystemExit(f'{path}: not a RIFF/WAVE file')
    pos, fmt, pcm = 12, None, None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack('<I', data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + 8 + size]
        if cid == b'fmt ':
            tag, channels, rate = struct.unpack('<HHI', body[:8])
            bits = struct.unpack('<H', body[14:16])[0]
            if tag == 0xFFFE:  # WAVE_FORMAT_EXTENSIBLE: the real tag opens the sub-format GUID
                tag = struct.unpack('<H', body[24:26])[0]
            fmt = (tag, channels, rate, bits)
        elif cid == b'data':
            pcm = body
        pos += 8 + size + (size & 1)
    if fmt is None or pcm is None:
        raise SystemExit(f'{path}: no fmt or data chunk')
    tag, channels, rate, bits = fmt
    if tag == 3 and bits == 32:
        samples = array.array('f')
        samples.frombytes(pcm[:len(pcm) // 4 * 4])
        scale = 1.0
    elif tag == 1 and bits == 16:
        samples = array.array('h')
        samples.frombytes(pcm[:len(pcm) // 2 * 2])
        scale = 1 / 32768
    elif tag == 1 and bits == 32:
        samples = array.array('i')
        samples.frombytes(pcm[:len(pcm) // 4 * 4])
        scale = 1 / 2147483648
    elif tag == 1 and bits == 24:
        n = len(pcm) // 3
        samples = array.array('i', (int.from_bytes(pcm[3 * i:3 * i + 3], 'little', signed=True) for i in range(n)))
        scale = 1 / 8388608
    else:
        raise SystemExit(f'{path}: format tag {tag} with {bits} bits is not supported')
    if sys.byteorder != 'little' and samples.itemsize > 1:
        samples.byteswap()
    return samples, channels, rate, scale


def envelope(path):
    """RMS in dBFS over all channels for every whole or partial second."""
    samples, channels, rate, scale = read_wav(path)
    per = rate * channels
    out = []
    for start in range(0, len(samples), per):
        chunk = samples[start:start + per]
        s = math.fsum(x * x for x in chunk) * scale * scale
        rms = math.sqrt(s / max(len(chunk), 1))
        out.append(20 * math.log10(rms) if rms > 0 else -200.0)
    return out


def median(xs):
    ys = sorted(xs)
    n = len(ys)
    return 0.0 if n == 0 else (ys[n // 2] if n % 2 else (ys[n // 2 - 1] + ys[n // 2]) / 2)


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    ref = envelope(argv[1])
    print(f'reference {argv[1]}: {len(ref)} s, levels ' + ' '.join(f'{v:.1f}' for v in ref))
    status = 0
    for spec in argv[2:]:
        name, _, path = spec.partition('=')
        env = envelope(path)
        n = min(len(ref), len(env))
        diffs = [(i, env[i] - ref[i]) for i in range(n) if max(env[i], ref[i]) > SILENT_DB]
        offset = median([d for _, d in diffs])
        dev = [(i, d - offset) for i, d in diffs]
        flagged = [(i, d) for i, d in dev if abs(d) > FLAG_DB]
        mean_abs = sum(abs(d) for _, d in dev) / max(len(dev), 1)
        worst = max(dev, key=lambda t: abs(t[1]), default=(0, 0.0))
        print(f'{name}: {len(env)} s vs {len(ref)} s; offset {offset:+.1f} dB (median of {len(diffs)} s); '
              f'after the offset: mean |diff| {mean_abs:.1f} dB, worst {worst[1]:+.1f} dB at {worst[0]} s; '
              f'{len(flagged)} s beyond ±{FLAG_DB:.0f} dB')
        print(f'  {name} levels ' + ' '.join(f'{v:.1f}' for v in env))
        print(f'  {name} diff-offset ' + ' '.join(f'{d:+.1f}' for _, d in dev))
        if flagged:
            print(f'  {name} flagged seconds: ' + ', '.join(f'{i}s {d:+.1f}' for i, d in flagged))
    return status


if __name__ == '__main__':
    sys.exit(main(sys.argv))
