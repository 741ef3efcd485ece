import { InputError } from "@bpcheck/core";

// InputError lives with the other user-facing errors in @bpcheck/core (errors.ts); it is
// re-exported here, where files are loaded.
export { InputError };

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
