/**
 * A mistake in what the user gave us (a file, a JSON value, a flag). Its message is one
 * line naming the file, the JSON path and what was expected; the CLI prints it and
 * exits 2. Anything else that is thrown is a bug.
 */
export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    readonly file: string,
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${file}: ${path}: ${expected}`);
  }
}

/** Converts a JSON pointer ("/network/layers/0") to a JSONPath ("$.network.layers[0]"). */
export function jsonPath(pointer: string): string {
  if (pointer === "") return "$";
  return (
    "$" +
    pointer
      .split("/")
      .slice(1)
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .map((part) =>
        /^\d+$/.test(part)
          ? `[${part}]`
          : /^[A-Za-z_$][\w$]*$/.test(part)
            ? `.${part}`
            : `[${JSON.stringify(part)}]`,
      )
      .join("")
  );
}
