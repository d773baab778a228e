/**
 * Installed software: dpkg's status database (read as a file, so it works on any root) and, on a
 * live host only, the rpm database through the `rpm` command (its Berkeley DB / SQLite / ndb
 * formats are not something to parse by hand).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { clip, type ScanContext } from '../host-root.js';
import type { Software } from '../types.js';

const DPKG_STATUS = 'var/lib/dpkg/status';
/** A field line: "Name: value". Field names are letters, digits and dashes (deb-control(5)). */
const FIELD = /^([A-Za-z0-9][A-Za-z0-9-]*):[ \t]?(.*)$/;
/** dpkg package names (deb-control(5)): lower case, digits, + - . ; at least two characters. */
const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;

export function collectSoftware(ctx: ScanContext): Software[] {
  const software = collectDpkg(ctx);
  if (ctx.root.isLive) software.push(...collectRpm(ctx));
  return software;
}

/**
 * Parses the RFC-822-style stanzas of var/lib/dpkg/status. Only "install ok installed" counts:
 * removed packages keep a stanza ("deinstall ok config-files") but no longer run. A stanza with a
 * line that is neither a field nor a continuation, or without Package/Version, is skipped and
 * counted under `software.malformedStanza`.
 */
export function collectDpkg(ctx: ScanContext): Software[] {
  const text = ctx.root.readText(DPKG_STATUS);
  if (text === undefined) return [];
  const out: Software[] = [];
  for (const stanza of text.split(/\r?\n(?:[ \t]*\r?\n)+/)) {
    if (stanza.trim() === '') continue;
    const fields = parseStanza(stanza);
    if (!fields) {
      ctx.skips.add('software.malformedStanza');
      continue;
    }
    const name = fields.get('package');
    const version = fields.get('version');
    const status = fields.get('status')?.split(/\s+/);
    if (!name || !PACKAGE_NAME.test(name) || name.length > 256) {
      ctx.skips.add('software.malformedStanza');
      continue;
    }
    if (status?.[0] !== 'install' || status[1] !== 'ok' || status[2] !== 'installed') continue;
    if (!version || version.length > 128) {
      ctx.skips.add('software.malformedStanza');
      continue;
    }
    const arch = fields.get('architecture');
    out.push({ name, version, ...(arch ? { architecture: clip(arch, 32) } : {}), source: 'dpkg' });
  }
  return out;
}

/** Field names lower-cased (they are case-insensitive); continuation lines are not needed here. */
function parseStanza(stanza: string): Map<string, string> | undefined {
  const fields = new Map<string, string>();
  for (const line of stanza.split(/\r?\n/)) {
    if (line === '') continue;
    if (line[0] === ' ' || line[0] === '\t') {
      if (fields.size === 0) return undefined; // a continuation before any field
      continue;
    }
    const m = FIELD.exec(line);
    if (!m) return undefined;
    fields.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return fields.size > 0 ? fields : undefined;
}

/** `rpm -qa` with a tab-separated format; epoch shown as "epoch:" only when set, as rpm does. */
const RPM_FORMAT = '%{NAME}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\t%{ARCH}\\n';

export function collectRpm(ctx: ScanContext): Software[] {
  const rpm = findCommand('rpm');
  if (!rpm) return [];
  const res = spawnSync(rpm, ['-qa', '--queryformat', RPM_FORMAT], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.status !== 0 || typeof res.stdout !== 'string') {
    ctx.skips.add('software.rpmFailed');
    ctx.skips.note(
      `rpm -qa failed: ${(res.stderr || res.error?.message || `exit ${res.status}`).toString().trim().slice(0, 200)}`,
    );
    return [];
  }
  return parseRpmOutput(res.stdout, ctx);
}

export function parseRpmOutput(stdout: string, ctx: ScanContext): Software[] {
  const out: Software[] = [];
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const [name, version, arch] = line.split('\t');
    // gpg-pubkey pseudo-packages have no architecture ("(none)"); they are keys, not software.
    if (!name || !version || name.length > 256 || version.length > 128 || name === 'gpg-pubkey') {
      if (name !== 'gpg-pubkey') ctx.skips.add('software.malformedRpmLine');
      continue;
    }
    out.push({ name, version, ...(arch && arch !== '(none)' ? { architecture: clip(arch, 32) } : {}), source: 'rpm' });
  }
  return out;
}

/** The first executable `name` on PATH (plus the usual sbin folders a service's PATH may lack). */
export function findCommand(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/bin', '/bin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}
