// What the bench scripts share: the checkout's root and their numeric options.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root (this file is scripts/bench/options.mjs). */
export const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** The command line's arguments after the script. */
export const args = process.argv.slice(2);

/** The number after option `name` on the command line, or `dflt` when it is not there. */
export const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? Number(args[i + 1]) : dflt;
};
