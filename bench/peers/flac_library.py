#!/usr/bin/env python3
"""A synthetic multi-sampled FLAC piano library for the store benchmarks (issue 15).

    flac_library.py OUTDIR [FILES=240] [SECONDS=6]

Writes OUTDIR/samples/k<key>_v<layer>.wav (stereo 24-bit 48 kHz: decaying partials with a little
noise, so FLAC cannot shrink them to nothing), encodes them with Debian's `flac`, and writes
OUTDIR/piano.sfz (three velocity layers, one sample per key range) and OUTDIR/one-note.mid (middle C,
one second). Deterministic: the same arguments give the same files.
"""
import os
import struct
import subprocess
import sys

import numpy as np

RATE = 48000


def wav(path, left, right):
    data = np.empty(len(left) * 2, dtype=np.int32)
    data[0::2] = left
    data[1::2] = right
    b = data.astype('<i4').view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
    with open(path, 'wb') as f:
        f.write(b'RIFF' + struct.pack('<I', 36 + len(b)) + b'WAVE')
        f.write(b'fmt ' + struct.pack('<IHHIIHH', 16, 1, 2, RATE, RATE * 6, 6, 24))
        f.write(b'data' + struct.pack('<I', len(b)) + b)


def midi_one_note(path):
    track = bytes([0x00, 0x90, 60, 100, 0x83, 0x60, 0x80, 60, 0]) + b'\x00\xff\x2f\x00'  # 480 ticks = 1 s at 120 bpm
    with open(path, 'wb') as f:
        f.write(b'MThd' + struct.pack('>IHHH', 6, 0, 1, 480))
        f.write(b'MTrk' + struct.pack('>I', len(track)) + track)


def main():
    out = sys.argv[1]
    files = int(sys.argv[2]) if len(sys.argv) > 2 else 240
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 6.0
    layers = 3
    keys = max(1, files // layers)
    first = 21
    step = max(1, 88 // keys) if keys <= 88 else 1
    sdir = os.path.join(out, 'samples')
    os.makedirs(sdir, exist_ok=True)
    rng = np.random.default_rng(15)
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    regions = []
    wavs = []
    roots = [first + i * step if keys <= 88 else first + i * 88 // keys for i in range(keys)]
    for i, key in enumerate(roots):
        hi = roots[i + 1] - 1 if i + 1 < len(roots) else 127
        lo = 0 if i == 0 else key
        f0 = 440.0 * 2 ** ((key - 69) / 12)
        for v in range(layers):
            name = f'k{key:03d}_{i:03d}_v{v}'
            amp = 0.25 * (v + 1) / layers
            sig = np.zeros(n)
            for h in range(1, 9):
                if f0 * h > RATE / 2.2:
                    break
                sig += np.sin(2 * np.pi * f0 * h * t + h) * np.exp(-t * (0.6 + 0.4 * h)) / h
            noise = rng.standard_normal(n) * 1e-3
            left = np.round((sig * amp + noise) * 8388607 * 0.9).astype(np.int32)
            right = np.round((sig * amp * 0.97 + noise) * 8388607 * 0.9).astype(np.int32)
            path = os.path.join(sdir, name + '.wav')
            wav(path, left, right)
            wavs.append(path)
            regions.append(f'<region> sample=samples/{name}.flac lokey={lo} hikey={hi} pitch_keycenter={key} '
                           f'lovel={1 + v * 127 // layers} hivel={(v + 1) * 127 // layers}')
    subprocess.run(['flac', '-s', '-5', '-f', '--delete-input-file'] + wavs, check=True, stderr=subprocess.DEVNULL)  # 'legacy WAVE' warnings
    with open(os.path.join(out, 'piano.sfz'), 'w') as f:
        f.write('<control> default_path=./\n<global> ampeg_release=0.5\n' + '\n'.join(regions) + '\n')
    midi_one_note(os.path.join(out, 'one-note.mid'))


if __name__ == '__main__':
    main()
