"""The reference values of a case: every golden quantity, by group, in one number system."""

from __future__ import annotations

from typing import Any

from .case_file import Case
from .engine import train
from .number_systems import NumberSystem
from .quantities import training_quantities
from .worked_example import worked_example

GROUPS = ("first-step", "training")


def reference_groups(case: Case, N: NumberSystem) -> dict[str, list[tuple[str, Any]]]:
    """{"first-step": the worked example (the first training step's quantities and those of
    later steps the case's published numbers name), "training": the loss curve and the
    final parameters}, each as (canonical name, value) in canonical order."""
    net, samples, training = case.network(N), case.samples(N), case.training(N)
    curve, final = train(N, net, samples, training)
    return {
        "first-step": worked_example(case, N),
        "training": training_quantities(curve, final),
    }
