"""Course 4's applications, each a pipeline of small, tested steps on the functional API:
transfer learning (``transfer``), face verification and recognition (``faces``) and neural
style transfer (``style``)."""
