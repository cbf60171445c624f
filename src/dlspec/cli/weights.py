"""``dlspec weights show FILE`` and ``dlspec weights convert SRC DST``: weight files without torch."""
from __future__ import annotations


def register(sub):
    p = sub.add_parser("weights", help="inspect or convert weight files (.pth, .safetensors, .npz)")
    wsub = p.add_subparsers(dest="weights_command", metavar="ACTION")
    wsub.required = True
    show = wsub.add_parser("show", help="list the tensors in a weights file (names, shapes, dtypes)")
    show.add_argument("file", help=".pth/.pt (PyTorch, read without torch), .safetensors or .npz")
    show.add_argument("--key", help="entry holding the state dict in a PyTorch training checkpoint")
    show.set_defaults(func=cmd_show)
    conv = wsub.add_parser("convert", help="convert weights to .safetensors or .npz, optionally renamed")
    conv.add_argument("source", help=".pth/.pt, .safetensors or .npz")
    conv.add_argument("destination", help="output .safetensors or .npz")
    conv.add_argument("--key", help="entry holding the state dict in a PyTorch training checkpoint")
    conv.add_argument("--map", dest="name_map", metavar="NAME",
                      help="rename to a dlspec model's names, such as torchvision_resnet50 "
                           "(see dlspec.io.name_maps)")
    conv.set_defaults(func=cmd_convert)


_PTH = (".pth", ".pt", ".bin", ".ckpt")


def check_key(path, key):
    """--key picks an entry of a PyTorch training checkpoint; anywhere else it would be ignored."""
    from pathlib import Path
    if key is None:
        return
    if not key.strip():
        raise ValueError("--key is empty; give the checkpoint entry that holds the state dict, "
                         "such as --key state_dict, or leave --key out.")
    if Path(path).suffix.lower() not in _PTH:
        raise ValueError(f"--key {key!r} picks an entry of a PyTorch training checkpoint (.pth/.pt); "
                         f"{path} is a {Path(path).suffix or 'suffix-less'} file whose tensors are all "
                         "listed as they are. Leave --key out.")


def cmd_show(args):
    from ..io.weight_files import describe_weights, read_weights
    check_key(args.file, args.key)
    print(describe_weights(read_weights(args.file, args.key)))
    return 0


def cmd_convert(args):
    from pathlib import Path

    from ..io.weight_files import convert_weights
    check_key(args.source, args.key)
    if Path(args.source).resolve() == Path(args.destination).resolve():
        raise ValueError(f"weights convert would overwrite its source {args.source} while reading it; "
                         "give another destination, such as converted.safetensors.")
    tensors = convert_weights(args.source, args.destination, key=args.key, name_map=args.name_map)
    print(f"wrote {len(tensors)} tensors to {args.destination}")
    return 0
