/** Readers of the simple key/value configuration files the baseline checks look at. */
import type { HostRoot } from '../host-root.js';

export interface Setting {
  value: string;
  /** Where the value came from: "/etc/login.defs:25", or "running kernel (/proc/sys/…)". */
  source: string;
}

/**
 * "KEY value" or "KEY = value" files; the last assignment wins (as shadow's getdef and
 * libpwquality read them). `space` separates key and value by white space, `=` by an equals sign.
 * undefined when the file is missing.
 */
export function readKeyValueFile(root: HostRoot, file: string, separator: '=' | 'space'): Map<string, Setting> | undefined {
  const text = root.readText(file);
  if (text === undefined) return undefined;
  const out = new Map<string, Setting>();
  const re = separator === '=' ? /^([^=\s]+)\s*=\s*(.*)$/ : /^(\S+)\s+(.*)$/;
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = re.exec(line);
    if (!m) continue;
    const value = m[2]!
      .replace(/\s+#.*$/, '')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    out.set(m[1]!, { value, source: `${root.display(file)}:${i + 1}` });
  }
  return out;
}

/** systemd-sysctl's folders, most important first: a file name in an earlier one hides later ones. */
const SYSCTL_DIRS = ['etc/sysctl.d', 'run/sysctl.d', 'usr/local/lib/sysctl.d', 'usr/lib/sysctl.d', 'lib/sysctl.d'];

/**
 * The sysctl settings that would be applied at boot: *.conf files of the sysctl.d folders taken
 * by name (etc/ overriding the same name in usr/lib/), read in lexical order of their names, then
 * etc/sysctl.conf; later assignments win. Keys are normalised to dots ("net/ipv4/ip_forward"
 * is "net.ipv4.ip_forward"); a leading "-" (ignore errors) is dropped.
 */
export function readSysctlConfig(root: HostRoot): Map<string, Setting> {
  const byName = new Map<string, string>();
  for (const dir of SYSCTL_DIRS) {
    for (const name of root.list(dir)) {
      if (name.endsWith('.conf') && !byName.has(name)) byName.set(name, `${dir}/${name}`);
    }
  }
  const files = [...byName.keys()].sort().map((n) => byName.get(n)!);
  files.push('etc/sysctl.conf');
  const out = new Map<string, Setting>();
  for (const file of files) {
    const text = root.readText(file);
    if (text === undefined) continue;
    for (const [i, raw] of text.split('\n').entries()) {
      const line = raw.replace(/\r$/, '').trim();
      if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
      const m = /^-?([^=\s]+)\s*=\s*(.*)$/.exec(line);
      if (!m) continue;
      const key = m[1]!.replace(/\//g, '.');
      out.set(key, { value: m[2]!.trim(), source: `${root.display(file)}:${i + 1}` });
    }
  }
  return out;
}

/** The running kernel's value from proc/sys (multi-value entries keep their tabs as spaces). */
export function readRunningSysctl(root: HostRoot, key: string): Setting | undefined {
  const file = `proc/sys/${key.replace(/\./g, '/')}`;
  const text = root.readText(file);
  if (text === undefined) return undefined;
  return { value: text.trim().replace(/\s+/g, ' '), source: `running kernel (${root.display(file)})` };
}
