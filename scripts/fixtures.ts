/**
 * pnpm fixtures:regen — rewrite every generated fixture from the reference derivation.
 * pnpm fixtures:check — regenerate in memory and fail, naming file and field, when a
 *                       committed fixture differs or does not validate.
 * Both are `bpcheck fixtures regen|check`: exit codes 0 all good, 1 a check failed, 2 usage.
 */
import { processIo, run } from "@bpcheck/cli";

process.exitCode = await run(["fixtures", ...process.argv.slice(2)], processIo());
