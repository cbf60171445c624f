"""A standard MIDI file (format 0, one track) from a melody of (pitch, quarter_length) values."""
from __future__ import annotations

import math
import numbers
import struct
from pathlib import Path

from ..validation import check_int, check_number


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
    check_number(bpm, "bpm", 60e6 / 0xFFFFFF, 60e6, hint="A tempo in quarter notes per minute, such as 120.")
    check_int(ticks_per_quarter, "ticks_per_quarter", 1, hint="MIDI allows 1 to 32767; 480 is usual.")
    if ticks_per_quarter > 0x7FFF:
        raise ValueError(f"ticks_per_quarter must be <= 32767 (MIDI's header has 15 bits for it); "
                         f"got {ticks_per_quarter}. 480 is usual.")
    for name, value in (("velocity", velocity), ("program", program)):
        check_int(value, name, 0)
        if value > 127:
            raise ValueError(f"{name} must lie in 0..127 (a MIDI data byte); got {value}.")
    events, wait = bytearray(), 0
    events += _varlen(0) + b"\xff\x51\x03" + int(round(60e6 / bpm)).to_bytes(3, "big")   # tempo
    events += _varlen(0) + bytes([0xC0, program & 0x7F])
    for i, note in enumerate(notes):
        pitch, quarters = _note(i, note)
        ticks = max(1, int(round(quarters * ticks_per_quarter)))
        if pitch is None:
            wait += ticks
            continue
        events += _varlen(wait) + bytes([0x90, int(pitch), velocity])      # note on
        events += _varlen(ticks) + bytes([0x80, int(pitch), 0])             # note off
        wait = 0
    events += _varlen(wait) + b"\xff\x2f\x00"                               # end of track
    header = b"MThd" + struct.pack(">IHHH", 6, 0, 1, ticks_per_quarter)
    return header + b"MTrk" + struct.pack(">I", len(events)) + bytes(events)


def _note(i, note):
    """(pitch or None, quarter_length), checked: a pitch is an int 0..127, a length > 0."""
    if not isinstance(note, (tuple, list)) or len(note) != 2:
        raise TypeError(f"notes[{i}] must be a pair (midi_pitch or None, quarter_length); got {note!r}.")
    pitch, quarters = note
    if pitch is not None:
        whole = (isinstance(pitch, numbers.Real) and not isinstance(pitch, bool)
                 and math.isfinite(pitch) and pitch == int(pitch))
        if not whole:
            raise ValueError(f"notes[{i}]: a MIDI pitch is an integer 0..127 (60 is middle C) or None "
                             f"for a rest; got {pitch!r}. Convert names first, e.g. music21.pitch.Pitch('C4').midi.")
        if not 0 <= int(pitch) <= 127:
            raise ValueError(f"notes[{i}]: MIDI pitches lie in 0..127 (60 is middle C); got {pitch}.")
        pitch = int(pitch)
    quarters = check_number(quarters, f"notes[{i}] quarter_length", 0, open_min=True,
                            hint="It is the note's duration in quarter notes, such as 0.5 or 1.")
    return pitch, quarters


def write_midi(path, notes, **kwargs) -> Path:
    """Write ``notes`` as a MIDI file (see ``midi_bytes``)."""
    path = Path(path)
    path.write_bytes(midi_bytes(notes, **kwargs))
    return path
