"""The reference values of a case: every golden quantity, by group, in one number system."""

from __future__ import annotations

from typing import Any

from .case_file import Case
from .engine import first_step_samples, step, train
from .number_systems import NumberSystem
from .quantities import step_quantities, training_quantities

GROUPS = ("first-step", "training")


def reference_groups(case: Case, N: NumberSystem) -> dict[str, list[tuple[str, Any]]]:
    """{"first-step": the first training step's quantities, "training": the loss curve and
    the final parameters}, each as (canonical name, value) in canonical order."""
    net, samples, training = case.network(N), case.samples(N), case.training(N)
    first = first_step_samples(samples, training)
    curve, final = train(N, net, samples, training)
    return {
        "first-step": step_quantities(net, first, step(N, net, first, training)),
        "training": training_quantities(curve, final),
    }
