#!/usr/bin/env python3
"""The marginal cost of one more song, from bench/peers.sh's steady case.

usage: steady_table.py TIMES.tsv N OUTDIR

TIMES.tsv is peers.sh's (run, case, peer, wall_s, cpu_s, maxrss_kb, load1); the cases gm-band-x1 and gm-band-xN are the
song played once and N times. Per run and peer, (T_N − T_1)/(N − 1) is what one more song costs once the process is
going (no start-up, loading or first compilation in it); the table gives the median over runs with its range, the same
per minute of music, and each Loophole line's ratio to FluidSynth's. The song's length is read from Loophole's cubic
renders (OUTDIR/steady.cubic.x{1,N}.wav: their lengths differ by exactly N − 1 songs), and printed alone with --frames.
"""
import statistics as st
import struct
import sys


def frames(path):
    """A WAV's frame count, from its fmt and data chunk headers."""
    with open(path, 'rb') as f:
        head = f.read(1 << 16)
    pos, align = 12, None
    while pos + 8 <= len(head):
        cid, size = head[pos:pos + 4], struct.unpack('<I', head[pos + 4:pos + 8])[0]
        if cid == b'fmt ':
            align = struct.unpack('<H', head[pos + 20:pos + 22])[0]
        elif cid == b'data':
            return size // align
        pos += 8 + size + (size & 1)
    raise SystemExit(f'{path}: no data chunk')


def song_frames(out, n):
    return (frames(f'{out}/steady.cubic.x{n}.wav') - frames(f'{out}/steady.cubic.x1.wav')) // (n - 1)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == '--frames':
        print(song_frames(sys.argv[3], int(sys.argv[2])))
        return
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    times, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    one, many = 'gm-band-x1', f'gm-band-x{n}'
    rows = [line.rstrip('\n').split('\t') for line in open(times)][1:]
    song = song_frames(out, n) / 48000
    runs = sorted({r[0] for r in rows if r[1] == many}, key=int)
    print(f'Marginal cost of one more GM song ({song:.2f} s of music): (x{n} − x1)/{n - 1} per run, '
          f'median [min–max] of {len(runs)} runs')
    print()
    print(f'| peer | CPU s / song | wall s / song | CPU s / min of music | x1 CPU s | x1 wall s | peak RSS MB x1 / x{n} |')
    print('|---|---:|---:|---:|---:|---:|---|')
    marginal = {}
    for peer in dict.fromkeys(r[2] for r in rows if r[1] == one):
        by = {}
        for r in rows:
            if r[2] == peer and r[1] in (one, many):
                by.setdefault(r[0], {})[r[1]] = (float(r[3]), float(r[4]), int(r[5]))
        pairs = [v for v in by.values() if len(v) == 2]
        cpu = [(v[many][1] - v[one][1]) / (n - 1) for v in pairs]
        wall = [(v[many][0] - v[one][0]) / (n - 1) for v in pairs]
        marginal[peer] = (st.median(cpu), st.median(wall))
        print(f'| {peer} | {st.median(cpu):.2f} [{min(cpu):.2f}–{max(cpu):.2f}] | {st.median(wall):.2f} [{min(wall):.2f}–{max(wall):.2f}] '
              f'| {st.median(cpu) / (song / 60):.2f} | {st.median(v[one][1] for v in pairs):.2f} | {st.median(v[one][0] for v in pairs):.2f} '
              f'| {st.median(v[one][2] for v in pairs) / 1024:.0f} / {st.median(v[many][2] for v in pairs) / 1024:.0f} |')
    if 'fluidsynth' in marginal:
        print()
        fc, fw = marginal['fluidsynth']
        for peer, (c, w) in marginal.items():
            if peer != 'fluidsynth':
                print(f'{peer} / fluidsynth, marginal per song: CPU {c / fc:.2f}×, wall {w / fw:.2f}×')


if __name__ == '__main__':
    main()
