"""Course 3's case studies (Structuring Machine Learning Projects) as one notebook."""
from .spec import Step, notebook

notebook(
    "c3-mismatch", "Bird recognition in the city of Peacetopia and Autonomous driving: the case studies (course 3)",
    quick={"epochs": 80},
    steps=[
        Step("Bias, variance and data mismatch",
             """The case studies read a model's errors as gaps: human-level error (a proxy for
             Bayes error) to training error is avoidable bias, training to training-dev error is
             variance, training-dev to dev error is data mismatch, dev to test error is
             overfitting to the dev set. dlspec's `diagnose` names the largest gap and what to
             try first; here on example error rates shaped like the case studies' questions.""",
             equation=r"\text{avoidable bias} = E_{train} - E_{human},\quad \text{variance} = E_{train\text{-}dev} - E_{train},\quad \text{mismatch} = E_{dev} - E_{train\text{-}dev}",
             code="""
from dlspec.project import diagnose

print(diagnose(human=0.005, train=0.087, train_dev=0.096, dev=0.18).report())"""),
    ],
)
