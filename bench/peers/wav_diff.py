#!/usr/bin/env python3
"""How far one render is from another: the difference's RMS and peak relative to the reference's, in dB.

usage: wav_diff.py REF.wav OTHER.wav [FRAMES]

32-bit float or 16/24-bit PCM WAV (numpy). Prints `rms X dB  peak Y dB  (frames N)`: X = 20·log10(rms(other − ref) /
rms(ref)), Y = 20·log10(max|other − ref| / max|ref|), over all channels; "identical" when every sample is equal.
The renders must have the same channels; the shorter length is compared (a tail may differ in length), or only the
first FRAMES frames when given (e.g. the first song of a repeated render against the single render).
"""
import sys
import numpy as np

sys.path.insert(0, __file__.rsplit('/', 1)[0])
from rms_compare import read_wav  # noqa: E402


def load(path):
    samples, channels, rate, scale = read_wav(path)
    return np.asarray(samples, dtype=np.float64).reshape(-1, channels) * scale


def main():
    if len(sys.argv) not in (3, 4):
        raise SystemExit(__doc__)
    ref, other = load(sys.argv[1]), load(sys.argv[2])
    if ref.shape[1] != other.shape[1]:
        raise SystemExit(f'{sys.argv[2]}: {other.shape[1]} channels, expected {ref.shape[1]} as in {sys.argv[1]}')
    n = min(len(ref), len(other))
    if len(sys.argv) == 4:
        if not sys.argv[3].isdigit() or not 1 <= int(sys.argv[3]) <= n:
            raise SystemExit(f'{sys.argv[3]} frames asked for: expected 1 to {n}, the shorter render\'s length')
        n = int(sys.argv[3])
    ref, other = ref[:n], other[:n]
    d = other - ref
    if not d.any():
        print(f'identical  (frames {n})')
        return
    rms = 20 * np.log10(np.sqrt(np.mean(d * d)) / np.sqrt(np.mean(ref * ref)))
    peak = 20 * np.log10(np.max(np.abs(d)) / np.max(np.abs(ref)))
    print(f'rms {rms:.1f} dB  peak {peak:.1f} dB  (frames {n})')


if __name__ == '__main__':
    main()
