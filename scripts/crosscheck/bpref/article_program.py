"""The §4 numpy program of bp-worked-example.zh.txt, replayed as published, bugs and all.

The program is kept as the article prints it (lines 73–111), with two changes only:
matplotlib is not imported and nothing is plotted, and print writes to a buffer. Its
behaviour therefore includes what the article did not intend: the "loss" is
0.5·|y − ŷ|^0.5 (a square root, not a square); there is no learning rate (a step of 1);
and l1_error = l2_delta*W1 is (1,2) while l1 is (2,1), so l1_error*l1*(1−l1)
broadcasts to a 2×2 matrix and W0 += l0.T.dot(l1_delta) adds the same row to both rows
of W0.
"""

from __future__ import annotations

import io

import numpy as np

SOURCE = "bp-worked-example.zh.txt"
# §4 "输出结果" (output), lines 117–142, exactly as printed. The copy on the web page lost
# the trailing spaces print() writes after "]]" before "\n W1:", so lines are compared
# with trailing spaces removed.
PRINTED_LINES = (117, 142)
PRINTED_OUTPUT = """\
In the process of 1th epoch
The Current Loss: [[0.21810748]]
After  BackProp:
 W0:
 [[0.09661944 0.78985831]
 [0.39661944 0.58985831]]
 W1:
 [[0.27232597 0.87299836]]
=========================================
In the process of 2th epoch
The Current Loss: [[0.21319219]]
After  BackProp:
 W0:
 [[0.09363393 0.78028763]
 [0.39363393 0.58028763]]
 W1:
 [[0.2455836  0.84691021]]
=========================================
In the process of 3th epoch
The Current Loss: [[0.20830283]]
After  BackProp:
 W0:
 [[0.09102066 0.7712756 ]
 [0.39102066 0.5712756 ]]
 W1:
 [[0.21978966 0.82175133]]
"""


def run_article_program(epochs: int = 200) -> str:
    """Everything the article's program prints in ``epochs`` epochs (it runs 200)."""
    out = io.StringIO()

    def print_(*args: object) -> None:
        print(*args, file=out)

    def sigmoid_derive(x, derive=False):
        if derive == True:  # noqa: E712 — as published
            return x * (1 - x)
        else:
            return 1 / (1 + np.exp(-x))

    X = np.array([[0.35], [0.9]])
    y = np.array([[0.5]])

    np.random.seed(1)

    W0 = np.array([[0.1, 0.8], [0.4, 0.6]])
    W1 = np.array([[0.3, 0.9]])

    print_("original:\n", "W0:\n", W0, "\n W1:\n", W1)
    loss = []
    for epoch in range(epochs):
        print_("In the process of %sth epoch" % (epoch + 1))
        l0 = X
        l1 = sigmoid_derive(np.dot(W0, l0))
        l2 = sigmoid_derive(np.dot(W1, l1))
        l2_error = y - l2
        Loss = 0.5 * np.abs(l2_error) ** 0.5
        loss.append(Loss[0][0])
        print_("The Current Loss:", 0.5 * np.abs(l2_error) ** 0.5)
        l2_delta = l2_error * sigmoid_derive(l2, derive=True)
        l1_error = l2_delta * W1
        l1_delta = l1_error * sigmoid_derive(l1, derive=True)
        W1 += l2_delta * l1.T
        W0 += l0.T.dot(l1_delta)
        print_("After  BackProp:\n", "W0:\n", W0, "\n W1:\n", W1)
        print_("=========================================")
    return out.getvalue()


def printed_part(output: str, printed: str = PRINTED_OUTPUT) -> list[str]:
    """The lines of ``output`` the article shows: from the first epoch's header, as many
    lines as ``printed`` has, trailing spaces removed."""
    lines = [line.rstrip() for line in output.splitlines()]
    start = lines.index("In the process of 1th epoch")
    return lines[start : start + len(printed.splitlines())]


def replay_differences(printed: str = PRINTED_OUTPUT) -> list[str]:
    """Lines where the replay differs from the printed output ("" when they all agree)."""
    wanted = [line.rstrip() for line in printed.splitlines()]
    got = printed_part(run_article_program(epochs=3), printed)
    diffs = [
        f"line {PRINTED_LINES[0] + k}: printed {w!r}, replay {g!r}" for k, (w, g) in enumerate(zip(wanted, got)) if w != g
    ]
    if len(got) != len(wanted):
        diffs.append(f"replay printed {len(got)} lines, the article {len(wanted)}")
    return diffs
