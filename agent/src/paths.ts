/**
 * Where the agent's shipped data lives. Resolved from this module so it works from `src/` (tests)
 * and from `dist/` (the built CLI) alike: both sit one level below the package folder.
 */
import { fileURLToPath } from 'node:url';

export const POLICIES_DIR = fileURLToPath(new URL('../policies/', import.meta.url));
export const DEFAULT_POLICY_FILE = `${POLICIES_DIR}cis-linux.json`;
export const COMMON_PASSWORDS_FILE = `${POLICIES_DIR}common-passwords.txt`;
export const MALWARE_SIGNATURES_FILE = `${POLICIES_DIR}malware-sha256.txt`;
