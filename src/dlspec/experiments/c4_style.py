"""Course 4: neural style transfer on scikit-learn's sample photos."""
from .. import plots
from ..applications.style import CONTENT_LAYER, STYLE_LAYERS, style_transfer
from ..data.photos import load_photo
from ..models import zoo
from .registry import experiment
from .threads import single_threaded_blas


@experiment(
    "c4-style", course=4,
    title="Neural style transfer: the summer palace painted with the texture of a dahlia",
    summary="""The course's algorithm: the generated image starts from the content image plus
    uniform noise and is moved by Adam along the gradient of J = alpha J_content + beta J_style
    (alpha = 10, beta = 40), the content cost read at block5_conv4 and the style cost at the
    first convolution of each of VGG-19's five blocks (weights 0.2). The network here is
    zoo.vgg19 with random He-initialised weights at a quarter of the width and average pooling:
    no ImageNet weights can be fetched offline, and random convolutional features still
    capture texture statistics (Ustyuzhaninov et al., 2017), though not the painterly look of
    trained VGG-19 features. The random features' style costs are smaller than trained ones,
    so beta is 400 rather than the course's 40, and on 96x96 pictures the noise (0.1) and the
    learning rate (0.01) are below the course's 0.25 and 0.03, which leave visible speckle.
    With a torchvision VGG-19 file loaded through the torchvision_vgg19 name map, the same code
    is the course's network.""",
    modules=("dlspec.applications.style", "dlspec.models.zoo.vgg19", "dlspec.data.photos",
             "dlspec.io.name_maps"),
    hyperparameters=("image_size", "epochs", "learning_rate", "alpha", "beta", "width", "noise"),
    objective="cost_reduction",
)
def run(ctx):
    S = ctx.hp("image_size", ctx.pick(96, 192))
    content, style = load_photo("china.jpg", S), load_photo("flower.jpg", S)
    vgg = zoo.vgg19((S, S, 3), include_top=False, width=ctx.hp("width", 0.25), pooling="avg",
                    seed=ctx.seed)
    with single_threaded_blas():
        G, costs = style_transfer(vgg, content, style, STYLE_LAYERS, CONTENT_LAYER,
                                  alpha=ctx.hp("alpha", 10), beta=ctx.hp("beta", 400),
                                  epochs=ctx.hp("epochs", ctx.pick(200, 500)),
                                  learning_rate=ctx.hp("learning_rate", 0.01), noise=ctx.hp("noise", 0.1),
                                  seed=ctx.seed)
    metrics = {"first_cost": costs[0]["J"], "final_cost": costs[-1]["J"],
               "cost_reduction": costs[0]["J"] / costs[-1]["J"],
               "final_content_cost": costs[-1]["J_content"], "final_style_cost": costs[-1]["J_style"],
               "network_parameters": vgg.count_params()}
    fig, axes = plots.new_figure(ncols=3, width=3.2, height=3.4)
    for ax, image, title in ((axes[0], content, "content (china.jpg)"), (axes[1], style, "style (flower.jpg)"),
                             (axes[2], G[0], "generated")):
        ax.imshow(image)
        ax.set_title(title, fontsize=10)
        ax.axis("off")
    fig.suptitle("random-weight VGG-19 (width 1/4): no ImageNet weights offline", fontsize=9)
    ctx.save_figure(fig, "style.png")
    fig, axes = plots.new_figure(width=5, height=3.2)
    plots.cost_curves(axes[0], {k: [c[k] for c in costs] for k in ("J", "J_content", "J_style")},
                      "costs while optimizing the image", log=True)
    axes[0].set_xlabel("Adam step on the image")
    ctx.save_figure(fig, "style_costs.png")
    return metrics
