"""All replays of the inventory (``course_inventory``), by notebook cell."""
from .course_replays_c1 import REPLAYS as C1
from .course_replays_c2 import REPLAYS as C2
from .course_replays_c4c5 import REPLAYS as C4C5

REPLAYS = {**C1, **C2, **C4C5}
