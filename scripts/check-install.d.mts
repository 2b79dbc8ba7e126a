/** Install steps known to unpack registry binaries only, with why. */
export const ALLOWED_TO_BUILD: Map<string, string>;
/** The names under a `key:` list of a small YAML file. */
export function yamlList(text: string, key: string): string[];
/** What is wrong with the install at `root`, one line per package; empty when all is well. */
export function checkInstall(root: string): string[];
