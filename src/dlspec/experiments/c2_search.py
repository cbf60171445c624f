"""Course 2, week 3: random search on a log scale vs a linear grid, then coarse to fine."""
from .. import plots
from ..tune import tune
from ..tune.examples import course2_trial
from ..tune.report import plot_search
from .registry import experiment

LOW, HIGH = 1e-4, 1e2    # six decades: the range to search when the right scale is unknown


@experiment(
    "c2-search", course=2,
    title="Hyperparameter search: random on a log scale beats a linear grid",
    summary=f"""Tune the learning rate of a [2, 10, 10, 1] ReLU network (mini-batch gradient
    descent on the moons data) between {LOW:g} and {HIGH:g}, with the same budget of trials
    for two searches: an evenly spaced (linear) grid and random search on a log scale
    (r = a * rand, alpha = 10^r). The grid spends almost every trial in the top decade, where
    training diverges; the log scale gives each decade the same share and finds a good rate.
    Then a coarse-to-fine random search tunes the learning rate and the hidden units together.""",
    reference={},
    checkpoints=False,   # no fit() to checkpoint (see registry.Experiment)
    modules=("dlspec.tune.space", "dlspec.tune.samplers", "dlspec.tune.search",
             "dlspec.tune.examples", "dlspec.tune.report"),
    hyperparameters=("budget", "repeats", "epochs"),
    objective="random_log_best_dev_accuracy",
)
def run(ctx):
    budget = int(ctx.hp("budget", 8))               # trials per search
    repeats = int(ctx.hp("repeats", ctx.pick(5, 20)))
    epochs = int(ctx.hp("epochs", ctx.pick(20, 50)))
    fixed = f"epochs={epochs}"
    grid_best, log_best, points = [], [], {"linear grid": [], "random, log scale": []}
    for r in ctx.progress(range(repeats), "searches"):
        seed = ctx.seed + r
        grid = tune(course2_trial, f"learning_rate=uniform:{LOW}:{HIGH},{fixed}", trials=budget,
                    sampler="grid", seed=seed, objective="dev_accuracy")
        rand = tune(course2_trial, f"learning_rate=log:{LOW}:{HIGH},{fixed}", trials=budget,
                    sampler="random", seed=seed, objective="dev_accuracy")
        for name, result, best in (("linear grid", grid, grid_best), ("random, log scale", rand, log_best)):
            best.append(result.best()[0].objective if result.ok else 0.0)
            points[name] += [(t.config["learning_rate"], t.objective) for t in result.ok]
    joint = tune(course2_trial, f"learning_rate=log:{LOW}:{HIGH},hidden_units=int:2:50,{fixed}",
                 trials=ctx.pick(16, 40), sampler="coarse-to-fine", seed=ctx.seed,
                 objective="dev_accuracy")
    top = joint.best()[0]

    fig, axes = plots.new_figure(ncols=2, width=4.4, height=3.4)
    for name, pts in points.items():
        axes[0].scatter([p[0] for p in pts], [p[1] for p in pts], s=14, alpha=0.6, label=name)
    axes[0].set_xscale("log")
    axes[0].set_xlabel("learning rate")
    axes[0].set_ylabel("dev accuracy")
    axes[0].set_title(f"every trial ({repeats} searches of {budget})", fontsize=10)
    axes[0].legend(fontsize=8)
    axes[1].plot(range(repeats), grid_best, "o-", label="linear grid")
    axes[1].plot(range(repeats), log_best, "o-", label="random, log scale")
    axes[1].set_xlabel("search (seed)")
    axes[1].set_ylabel("best dev accuracy")
    axes[1].set_title("best of each search", fontsize=10)
    axes[1].legend(fontsize=8)
    ctx.save_figure(fig, "grid_vs_log.png")
    ctx.save_figure(plot_search(joint), "coarse_to_fine.png")

    n = lambda pts, cond: sum(cond(p[0]) for p in pts) / max(len(pts), 1)
    return {
        "linear_grid_best_dev_accuracy": sum(grid_best) / repeats,
        "random_log_best_dev_accuracy": sum(log_best) / repeats,
        "random_log_wins": sum(l > g for l, g in zip(log_best, grid_best)) / repeats,
        "linear_grid_share_above_10": n(points["linear grid"], lambda lr: lr > 10),
        "random_log_share_above_10": n(points["random, log scale"], lambda lr: lr > 10),
        "tuned_dev_accuracy": top.objective,
        "tuned_learning_rate": top.config["learning_rate"],
        "tuned_hidden_units": top.config["hidden_units"],
        "tuned_failed_trials": len(joint.failed),
    }
