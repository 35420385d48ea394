#!/usr/bin/env python3
"""Splits a type-1 Standard MIDI File into one file per track: the conductor track (tempo) plus
that track alone. Our SmfWriter writes one track per MIDI channel, so each file plays one channel.

usage: split_tracks.py SONG.mid OUTDIR      prints one line per file: PATH<TAB>track name
"""
import os
import struct
import sys


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    data = open(argv[1], 'rb').read()
    if data[:4] != b'MThd':
        raise SystemExit(f'{argv[1]}: not a Standard MIDI File')
    hlen = struct.unpack('>I', data[4:8])[0]
    fmt, ntracks, division = struct.unpack('>HHH', data[8:14])
    if fmt != 1:
        raise SystemExit(f'{argv[1]}: format {fmt}; only type 1 files split by track')
    pos, tracks = 8 + hlen, []
    while pos + 8 <= len(data):
        size = struct.unpack('>I', data[pos + 4:pos + 8])[0]
        if data[pos:pos + 4] == b'MTrk':
            tracks.append(data[pos:pos + 8 + size])
        pos += 8 + size
    os.makedirs(argv[2], exist_ok=True)
    stem = os.path.splitext(os.path.basename(argv[1]))[0]
    for i, track in enumerate(tracks[1:], start=1):
        name = f'track{i}'
        body = track[8:]
        if body[:3] == b'\x00\xff\x03':            # a track name at time 0
            n = body[3]
            name = body[4:4 + n].decode('latin-1').replace(' ', '')
        path = os.path.join(argv[2], f'{stem}.{name}.mid')
        with open(path, 'wb') as f:
            f.write(b'MThd' + struct.pack('>IHHH', 6, 1, 2, division) + tracks[0] + track)
        print(f'{path}\t{name}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
