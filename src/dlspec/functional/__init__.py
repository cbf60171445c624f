"""Pure forward/backward functions in the course's notation, one concept per file.

Each ``*_forward`` returns ``(output, cache)`` with only what backward needs;
each ``*_backward`` takes the upstream gradient and the cache.
"""
