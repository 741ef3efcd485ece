/**
 * The article's numpy program (§4, lines 71–113 of the seed text) as data: its
 * constants, and each of its bugs as a named switch with the line it sits on, the code
 * as written and the code that fixes it. Line numbers are lines of
 * `bp-worked-example.zh.txt`.
 */
export const PROGRAM = {
  /** `X = np.array([[0.35],[0.9]])`, line 81: a (2,1) column. */
  X: [["0.35"], ["0.9"]],
  /** `y = np.array([[0.5]])`, line 82: (1,1). */
  y: [["0.5"]],
  /** `W0 = np.array([[0.1,0.8],[0.4,0.6]])`, line 87: (2,2), W0[j][i] joins input i to hidden unit j. */
  W0: [
    ["0.1", "0.8"],
    ["0.4", "0.6"],
  ],
  /** `W1 = np.array([[0.3,0.9]])`, line 88: a (1,2) row. */
  W1: [["0.3", "0.9"]],
  /** `epochs = 200`, line 83. */
  epochs: 200,
  /** The learning rate the code uses: none is written, so every update is taken whole. */
  codeLearningRate: "1",
  /** The learning rate the text states (§1.2, line 28: α = 0.01). */
  textLearningRate: "0.01",
} as const;

export const BUGS = ["sqrtLoss", "missingLearningRate", "rowL1Error", "rowBroadcastW0Update"] as const;
/** The bugs of the program that change what it prints. */
export type BugName = (typeof BUGS)[number];

/** true: the line as written (the bug is in); false: the line fixed. */
export type BugSwitches = Readonly<Record<BugName, boolean>>;

export const AS_WRITTEN: BugSwitches = {
  sqrtLoss: true,
  missingLearningRate: true,
  rowL1Error: true,
  rowBroadcastW0Update: true,
};

export const CORRECTED: BugSwitches = {
  sqrtLoss: false,
  missingLearningRate: false,
  rowL1Error: false,
  rowBroadcastW0Update: false,
};

export interface Bug {
  readonly name: BugName;
  /** Lines of the seed text the bug sits on. */
  readonly lines: readonly number[];
  readonly written: string;
  readonly corrected: string;
  /** What the written line really computes. */
  readonly description: string;
}

export const BUG_TABLE: Readonly<Record<BugName, Bug>> = {
  sqrtLoss: {
    name: "sqrtLoss",
    lines: [98, 100],
    written: "Loss = 0.5*np.abs(l2_error)**0.5",
    corrected: "Loss = 0.5*l2_error**2",
    description: "The printed loss is ½·√|y − ŷ|, a square root where ½(y − ŷ)² (§1.2, §2) needs a square.",
  },
  missingLearningRate: {
    name: "missingLearningRate",
    lines: [104, 105],
    written: "W1 += l2_delta*l1.T; W0 += l0.T.dot(l1_delta)",
    corrected: "W1 += alpha*l2_delta*l1.T; W0 += alpha*l1_delta.dot(l0.T)  # alpha = 0.01",
    description:
      "No learning rate is applied: every update is the whole negative gradient (rate 1, not 0.01).",
  },
  rowL1Error: {
    name: "rowL1Error",
    lines: [102, 103],
    written: "l1_error = l2_delta*W1",
    corrected: "l1_error = W1.T.dot(l2_delta)",
    description:
      "l2_delta*W1 is a (1,2) row; times the (2,1) column sigmoid_derive(l1) it broadcasts to a (2,2) l1_delta, l1_delta[i][j] = l2_delta·W1[j]·l1[i](1 − l1[i]), instead of the (2,1) hidden deltas.",
  },
  rowBroadcastW0Update: {
    name: "rowBroadcastW0Update",
    lines: [105],
    written: "W0 += l0.T.dot(l1_delta)",
    corrected: "W0 += l1_delta.dot(l0.T)",
    description:
      "l0.T.dot(l1_delta) is a (1,2) row (a (1,1) with a (2,1) l1_delta), broadcast over both rows of W0: every row gets the same increment, instead of the outer product l1_delta·l0ᵀ.",
  },
};
