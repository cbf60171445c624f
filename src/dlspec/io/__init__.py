"""Files: atomic writes and JSON; saving and loading models; checkpoints; weight formats.

- ``save_model`` / ``load_model``: a whole model in one ``.npz`` (no pickle).
- ``ModelCheckpoint`` and ``fit(..., resume_from=...)``: resumable training.
- ``save_weights`` / ``load_weights``: weights only, as ``.npz``, ``.safetensors`` or
  (reading) PyTorch ``.pth`` state dicts and Keras ``.h5`` files, without torch and
  without unpickling code; ``name_maps`` renames torchvision/Keras ResNet-50 and VGG-16.
"""
from .archive import NotADlspecFileError
from .checkpoint import ModelCheckpoint, latest_checkpoint, list_checkpoints, save_checkpoint
from .files import atomic_write, read_json, write_json
from .model_file import load_model, save_model
from .weight_files import convert_weights, load_weights, read_weights, save_weights
from .weights import LoadReport, load_state_dict, state_dict

__all__ = ["atomic_write", "read_json", "write_json", "save_model", "load_model",
           "state_dict", "load_state_dict", "LoadReport", "NotADlspecFileError",
           "ModelCheckpoint", "save_checkpoint", "latest_checkpoint", "list_checkpoints",
           "load_weights", "save_weights", "read_weights", "convert_weights"]
