export { exactDecimal, roundToBinary, ulpDistance } from "./binary-rounding.ts";
export type { BinaryFormat } from "./binary-rounding.ts";
export { ballField } from "./ball-field.ts";
export type { Ball, BallFieldState } from "./ball-field.ts";
export {
  BALL_GUARD_DIGITS,
  agreeingDigits,
  certifiedUpTo,
  certify,
  certifyBall,
  errorBoundString,
  uncertifiedReason,
} from "./certify.ts";
export type { CertifiedQuantity, Uncertified } from "./certify.ts";
export { DEFAULT_DIGITS, MAX_DIGITS, MIN_DIGITS, decimalField, fieldOfDecimal } from "./decimal-field.ts";
export { exactExp } from "./exp.ts";
export { MODES, fieldFor } from "./modes.ts";
export { namingUndefinedQuantity } from "./domain-quantity.ts";
export type { Mode } from "./modes.ts";
export { compareFirstStep, compareTraining } from "./compare-modes.ts";
export type { EpochComparison, QuantityComparison, WorstError } from "./compare-modes.ts";
export {
  EXACT_BUDGET_SECONDS,
  MAX_BUDGET_SECONDS,
  MEMORY_BUDGET_MIB,
  checkBudget,
  checkExactBudget,
  checkMemory,
  costSeconds,
  derivedValues,
  describeBytes,
  describeSeconds,
  exactCostSeconds,
  longestNumber,
  memoryBytes,
  networkSize,
  samplesPerStep,
  trainingPassesOf,
} from "./exact-cost.ts";
export type { CostMode, Held, Work } from "./exact-cost.ts";
export { floatError } from "./float-error.ts";
export type { FloatError } from "./float-error.ts";
export { defaultGradientTolerance, gradientReport } from "./gradient-report.ts";
export type { GradientRow } from "./gradient-report.ts";
export { networkParameters } from "./network-parameters.ts";
export { trainModes, trainingPasses } from "./train-modes.ts";
export type { ModeRun } from "./train-modes.ts";
