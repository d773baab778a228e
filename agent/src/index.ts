/** The agent as a library: the scan, its collectors and checks (the CLI is cli.ts). */

export { readKeyValueFile, readSysctlConfig } from './baseline/config-files.js';
export { type BaselineResult, type CheckResult, evaluateCheck, runBaseline } from './baseline/evaluate.js';
export { describeExpect, toNumber, unmet } from './baseline/expect.js';
export type { Outcome } from './baseline/outcome.js';
export { Check, loadPolicy, Policy, PolicyError, parsePolicy, Rule } from './baseline/policy.js';
// Parsers exported for their tests.
export { parseLine as parseSshdLine, readSshdConfig } from './baseline/sshd-config.js';
export { collectAccounts } from './collectors/accounts.js';
export { collectAutostart, parseUnit } from './collectors/autostart.js';
export { collectPorts, decodeIpv4, decodeIpv6, parseEndpoint } from './collectors/ports.js';
export { collectProcesses, decodeCmdline, parseStat } from './collectors/processes.js';
export { collectDpkg, collectSoftware, parseRpmOutput } from './collectors/software.js';
export { sudoUsers } from './collectors/sudoers.js';
export { readUserDb, type UserDb } from './collectors/users.js';
export { architectureOf, parseOsRelease, readHostFacts } from './host-facts.js';
export { HostRoot, type ScanContext, Skips, scanContext } from './host-root.js';
export { parseShaCryptSetting, shaCrypt, verifyShaCrypt } from './passwords/sha-crypt.js';
export { findWeakPasswords, hashScheme, loadPasswordList, weakPasswordFinding } from './passwords/weak-passwords.js';
export { COMMON_PASSWORDS_FILE, DEFAULT_POLICY_FILE } from './paths.js';
export { checkRoot, RootError, type ScanOptions, type ScanResult, type ScanStats, scan } from './scan.js';
export type * from './types.js';
