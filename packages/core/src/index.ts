export {
  ACTIVATIONS,
  activate,
  activateLayer,
  activationBackward,
  activationDerivative,
  activationInfo,
} from "./activation.ts";
export type { ActivationName, SoftmaxParts, UnitDerivative } from "./activation.ts";
export { deriveFirstStep, deriveWorkedExample, stepSamples, stepsPerEpoch } from "./derivation.ts";
export type { Derivation } from "./derivation.ts";
export { domainChecked, firstUndefinedQuantity } from "./domain.ts";
export { BudgetError, DomainError, InputError, UsageError, UserError, isUserError } from "./errors.ts";
export { EXCERPT_CHARS, describeValue, escapeForTerminal, excerpt } from "./excerpt.ts";
export { maxOf, minOf } from "./extrema.ts";
export { dot, sum } from "./field.ts";
export type { Field } from "./field.ts";
export { float32 } from "./float32.ts";
export { float64 } from "./float64.ts";
export { forward, predict } from "./forward.ts";
export type { ForwardTrace } from "./forward.ts";
export { gradientCheck, inputGradientCheck, meanLoss } from "./gradcheck.ts";
export type { GradientCheck } from "./gradcheck.ts";
export { LOSSES, REDUCTIONS, loss, lossGradient, lossInfo, lossTerms, reductionOf } from "./loss.ts";
export type { LossName, Reduction, ReductionMode } from "./loss.ts";
export { BATCH_MODES, LAYOUTS, UPDATE_ORDERS, instantiate } from "./network.ts";
export type {
  BatchMode,
  Horizon,
  Layout,
  Layer,
  LayerSpec,
  Network,
  NetworkSpec,
  Problem,
  ProblemSpec,
  Sample,
  SampleSpec,
  Training,
  TrainingSpec,
  UpdateOrder,
} from "./network.ts";
export { forwardQuantities, parameterName, parameterQuantities, stepQuantities } from "./quantities.ts";
export {
  KIND_NAMES,
  QUANTITY_KINDS,
  TIME_SUFFIXES,
  formatQuantity,
  kindOf,
  mustParse,
  negatedName,
  parseQuantity,
  quantityName,
  swapMatrixIndices,
  withSuffix,
} from "./quantity-name.ts";
export type { KindName, Parsed, QuantityKind, QuantityName, SignConvention, Time } from "./quantity-name.ts";
export type { Quantity } from "./quantities.ts";
export { step } from "./step.ts";
export type { SampleTrace, StepTrace } from "./step.ts";
export { train, usesFloat64Kernel } from "./train-dispatch.ts";
export { trainFloat64 } from "./float64-kernel.ts";
export type { KernelLimits } from "./float64-kernel.ts";
export type { TrainResult } from "./train.ts";
