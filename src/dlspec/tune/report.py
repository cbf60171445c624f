"""A search's report: a table of the best trials and the objective against each hyperparameter."""
from __future__ import annotations


from ..backend import xp


def _fmt(value):
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def best_table(result, k=10) -> str:
    """The ``k`` best trials, one row each: rank, trial, objective, hyperparameters, seconds."""
    names = result.space.names
    header = ["rank", "trial", result.objective, *names, "seconds"]
    rows = [[str(rank), str(r.trial_id), _fmt(r.objective), *(_fmt(r.config.get(n)) for n in names),
             f"{r.duration:.2f}"] for rank, r in enumerate(result.best(k), start=1)]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    line = lambda row: "  ".join(c.rjust(w) for c, w in zip(row, widths))
    out = [f"{result.name}: {len(result.ok)} trial(s) ok, {len(result.failed)} failed; "
           f"{'maximize' if result.mode == 'max' else 'minimize'} {result.objective}",
           line(header), line(["-" * w for w in widths]), *map(line, rows)]
    if not rows:
        out.append("(no successful trial)")
    for r in result.failed[:5]:
        out.append(f"failed trial {r.trial_id}: {r.error}")
    if len(result.failed) > 5:
        out.append(f"... and {len(result.failed) - 5} more failed trial(s) in {result.store_path}")
    return "\n".join(out)


def plot_search(result, path=None):
    """Objective against each hyperparameter (log axis where the scale is log), and per trial.

    For a ``beta`` parameter the x axis is 1 - beta on a log scale, the course's view of
    momentum-like values. Fixed values are left out, and so are failed trials (they have
    no objective).
    Returns the Figure; writes a PNG to ``path`` if given.
    """
    from .. import plots
    params = [p for p in result.space if not (p.kind == "choice" and len(p.options) == 1)]   # fixed
    fig, axes = plots.new_figure(ncols=len(params) + 1, width=3.4, height=3.0)
    ok = result.ok
    y = [r.objective for r in ok]
    best = result.best(1)
    for ax, p in zip(axes, params):
        values = [r.config[p.name] for r in ok]
        if p.kind == "choice":
            positions = {o: i for i, o in enumerate(p.options)}
            x = [positions[v] for v in values]
            ax.set_xticks(range(len(p.options)), [str(o) for o in p.options])
        else:
            x = [1 - v if p.kind == "beta" else v for v in values]
        ax.scatter(x, y, s=14, alpha=0.8)
        if best and p.kind != "choice":
            bx = best[0].config[p.name]
            ax.scatter([1 - bx if p.kind == "beta" else bx], [best[0].objective], s=60,
                       facecolors="none", edgecolors="red", label="best")
            ax.legend(fontsize=7)
        if p.log_axis:
            ax.set_xscale("log")
        ax.set_xlabel(f"1 - {p.name}" if p.kind == "beta" else p.name)
        ax.set_ylabel(result.objective)
        ax.set_title(f"{p.name} ({p.kind})", fontsize=10)
    ax = axes[-1]
    order = sorted(ok, key=lambda r: r.trial_id)
    ids = [r.trial_id for r in order]
    objs = xp.array([r.objective for r in order], dtype=float)
    running = (xp.maximum if result.mode == "max" else xp.minimum).accumulate(objs) if len(objs) else objs
    ax.scatter(ids, objs, s=10, alpha=0.6, label="trial")
    ax.plot(ids, running, color="black", label="best so far")
    ax.set_xlabel("trial")
    ax.set_ylabel(result.objective)
    ax.set_title("objective per trial", fontsize=10)
    ax.legend(fontsize=7)
    if path is not None:
        fig.savefig(path, dpi=110)
    return fig


