"""A standard MIDI file (format 0, one track) from a melody of (pitch, quarter_length) values."""
from __future__ import annotations

import struct
from pathlib import Path


def _varlen(n: int) -> bytes:
    """MIDI's variable-length quantity: 7 bits per byte, high bit set on all but the last."""
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    return bytes(reversed(out))


def midi_bytes(notes, bpm: float = 120.0, ticks_per_quarter: int = 480, velocity: int = 80,
               program: int = 0) -> bytes:
    """The bytes of a MIDI file playing ``notes`` one after the other.

    Parameters
    ----------
    notes : iterable of (midi_pitch or None for a rest, quarter_length).
    bpm : tempo in quarter notes per minute.
    program : General MIDI instrument (0: acoustic grand piano).
    """
    events, wait = bytearray(), 0
    events += _varlen(0) + b"\xff\x51\x03" + int(round(60e6 / bpm)).to_bytes(3, "big")   # tempo
    events += _varlen(0) + bytes([0xC0, program & 0x7F])
    for pitch, quarters in notes:
        ticks = max(1, int(round(quarters * ticks_per_quarter)))
        if pitch is None:
            wait += ticks
            continue
        if not 0 <= int(pitch) <= 127:
            raise ValueError(f"MIDI pitches lie in 0..127; got {pitch}.")
        events += _varlen(wait) + bytes([0x90, int(pitch), velocity])      # note on
        events += _varlen(ticks) + bytes([0x80, int(pitch), 0])             # note off
        wait = 0
    events += _varlen(wait) + b"\xff\x2f\x00"                               # end of track
    header = b"MThd" + struct.pack(">IHHH", 6, 0, 1, ticks_per_quarter)
    return header + b"MTrk" + struct.pack(">I", len(events)) + bytes(events)


def write_midi(path, notes, **kwargs) -> Path:
    """Write ``notes`` as a MIDI file (see ``midi_bytes``)."""
    path = Path(path)
    path.write_bytes(midi_bytes(notes, **kwargs))
    return path
