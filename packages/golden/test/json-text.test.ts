import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseJson, readInputFile } from "../src/index.ts";

const dir = mkdtempSync(join(tmpdir(), "bpcheck-json-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return "no error";
}

describe("JSON text", () => {
  it.each([
    [
      '{"a": x}',
      'line 1 column 7: invalid JSON: expected a value (a string, number, object, array, true, false or null), found "x}"',
    ],
    ['{"a":1', 'line 1 column 7: invalid JSON: expected "," or "}", found the end of the input'],
    [
      '{"a":1}}',
      'line 1 column 8: invalid JSON: expected the end of the input after the JSON value, found "}"',
    ],
    ['{"a" 1}', 'line 1 column 6: invalid JSON: expected ":" after the property name, found "1}"'],
    ["[1 2]", 'line 1 column 4: invalid JSON: expected "," or "]", found "2]"'],
    [
      '{\n "a": [1,\n{"b":}]}',
      'line 3 column 6: invalid JSON: expected a value (a string, number, object, array, true, false or null), found "}]}"',
    ],
    ['{"a":1,}', 'line 1 column 8: invalid JSON: expected a property name in double quotes, found "}"'],
    [
      '{"a":\n',
      "line 2 column 1: invalid JSON: expected a value (a string, number, object, array, true, false or null), found the end of the input",
    ],
    [
      '["a",\n\n]',
      'line 3 column 1: invalid JSON: expected a value (a string, number, object, array, true, false or null), found "]"',
    ],
    [
      '[{}, [], "\\q"]',
      'line 1 column 10: invalid JSON: expected a value (a string, number, object, array, true, false or null), found ""\\q"]"',
    ],
  ])("%j names line and column", (text, expected) => {
    expect(message(() => parseJson("f.json", text))).toBe(`f.json: ${expected}`);
  });

  it("skips a byte order mark and limits nesting without recursion", () => {
    expect(parseJson("f.json", '\ufeff{"a":[1]}')).toEqual({ a: [1] });
    expect(message(() => parseJson("f.json", `{"k":${"[".repeat(200_000)}${"]".repeat(200_000)}}`))).toMatch(
      /^f\.json: \$\.k\[0\]\[0\].*…: expected arrays and objects nested at most 64 deep$/,
    );
  });

  it("reads files strictly as UTF-8 and names what it expected", () => {
    const latin1 = join(dir, "latin1.json");
    writeFileSync(latin1, Buffer.from('{"title": "caf\xe9"}', "latin1"));
    expect(message(() => readInputFile(latin1, "a readable case file"))).toBe(
      `${latin1}: byte offset 14: expected UTF-8 text (this looks like another encoding)`,
    );
    const sub = join(dir, "folder.json");
    mkdirSync(sub);
    expect(message(() => readInputFile(sub, "a readable case file"))).toBe(
      `${sub}: $: expected a readable case file (EISDIR)`,
    );
    expect(message(() => readInputFile(join(dir, "none.json"), "a readable case file"))).toBe(
      `${join(dir, "none.json")}: $: expected a readable case file (ENOENT)`,
    );
  });
});
