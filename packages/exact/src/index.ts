export { exactDecimal, roundToBinary, ulpDistance } from "./binary-rounding.ts";
export type { BinaryFormat } from "./binary-rounding.ts";
export { agreeingDigits, certify } from "./certify.ts";
export type { CertifiedQuantity } from "./certify.ts";
export { DEFAULT_DIGITS, MAX_DIGITS, MIN_DIGITS, decimalField } from "./decimal-field.ts";
export { exactExp } from "./exp.ts";
export { MODES, fieldFor } from "./modes.ts";
export type { Mode } from "./modes.ts";
