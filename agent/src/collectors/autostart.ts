/**
 * What starts by itself: systemd units enabled by the administrator (symlinks under
 * etc/systemd/system/<target>.wants/) and cron jobs (etc/crontab, etc/cron.d/*, the per-user
 * crontabs in var/spool/cron/crontabs/ and the run-parts folders etc/cron.{hourly,daily,…}).
 * These are the places persistence malware uses, so every entry is listed with its command.
 */
import { clip, type HostRoot, type ScanContext } from '../host-root.js';
import type { AutostartItem } from '../types.js';

export function collectAutostart(ctx: ScanContext): AutostartItem[] {
  return [...systemdUnits(ctx), ...cronJobs(ctx)];
}

const SYSTEMD_DIR = 'etc/systemd/system';

/** One item per enabled unit (a unit wanted by several targets is listed once). */
export function systemdUnits(ctx: ScanContext): AutostartItem[] {
  const { root } = ctx;
  const units = new Map<string, AutostartItem>();
  for (const dir of root.list(SYSTEMD_DIR).filter((d) => d.endsWith('.wants') || d.endsWith('.requires'))) {
    for (const entry of root.entries(`${SYSTEMD_DIR}/${dir}`)) {
      if (!entry.isSymbolicLink() && !entry.isFile()) continue;
      if (units.has(entry.name)) continue;
      const unitFile = root.resolveLink(`${SYSTEMD_DIR}/${dir}/${entry.name}`);
      const unit = unitFile ? parseUnit(root.readText(unitFile) ?? '') : {};
      units.set(entry.name, {
        kind: 'systemd',
        name: clip(entry.name, 512),
        ...(unit.execStart ? { command: clip(unit.execStart, 4096) } : {}),
        ...(unit.user ? { user: clip(unit.user, 64) } : {}),
      });
    }
  }
  return [...units.values()];
}

/** ExecStart and User of a unit's [Service] section (the first ExecStart; prefixes like "-" removed). */
export function parseUnit(text: string): { execStart?: string; user?: string } {
  let section = '';
  const out: { execStart?: string; user?: string } = {};
  for (const raw of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      section = line;
      continue;
    }
    if (section !== '[Service]') continue;
    const m = /^(ExecStart|User)\s*=\s*(.*)$/.exec(line);
    if (!m?.[2]) continue;
    if (m[1] === 'ExecStart' && !out.execStart) out.execStart = m[2].replace(/^[-@:+!]+/, '');
    if (m[1] === 'User' && !out.user) out.user = m[2];
  }
  return out;
}

/** One time field: lists of *, numbers or three-letter names, with ranges and steps ("1-5/2,jan"). */
const CRON_ITEM = /^(?:\*|\d{1,2}|[A-Za-z]{3})(?:-(?:\d{1,2}|[A-Za-z]{3}))?(?:\/\d{1,2})?$/;
const isCronField = (field: string): boolean => field.split(',').every((item) => CRON_ITEM.test(item));
const SPECIAL_SCHEDULE = /^@(reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)$/;
/** cron.d and run-parts only take names of letters, digits, '_' and '-' (so not .dpkg-old, README.md). */
const RUN_PARTS_NAME = /^[A-Za-z0-9_-]+$/;

export function cronJobs(ctx: ScanContext): AutostartItem[] {
  const { root } = ctx;
  const out: AutostartItem[] = [];
  out.push(...parseCrontab(root, 'etc/crontab', undefined, ctx));
  for (const name of root.list('etc/cron.d').filter((n) => RUN_PARTS_NAME.test(n))) {
    out.push(...parseCrontab(root, `etc/cron.d/${name}`, undefined, ctx));
  }
  for (const user of root.list('var/spool/cron/crontabs')) {
    out.push(...parseCrontab(root, `var/spool/cron/crontabs/${user}`, user, ctx));
  }
  for (const period of ['hourly', 'daily', 'weekly', 'monthly']) {
    for (const name of root.list(`etc/cron.${period}`).filter((n) => RUN_PARTS_NAME.test(n))) {
      const file = root.display(`etc/cron.${period}/${name}`);
      out.push({ kind: 'cron', name: clip(`@${period} ${file}`, 512), command: clip(file, 4096), user: 'root' });
    }
  }
  return out;
}

/**
 * A crontab: system ones (etc/crontab, cron.d) have a user column, per-user ones take the user
 * from the file name. Environment lines (NAME=value) and comments are not jobs. Lines that are
 * neither are counted under `autostart.malformedCronLine`.
 */
function parseCrontab(root: HostRoot, file: string, owner: string | undefined, ctx: ScanContext): AutostartItem[] {
  const text = root.readText(file);
  if (text === undefined) return [];
  const out: AutostartItem[] = [];
  const shown = root.display(file);
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || /^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(line)) continue;
    const words = line.split(/\s+/);
    const special = SPECIAL_SCHEDULE.test(words[0]!);
    const scheduleLen = special ? 1 : 5;
    const schedule = words.slice(0, scheduleLen);
    const validSchedule = special || (schedule.length === 5 && schedule.every(isCronField));
    const user = owner ?? words[scheduleLen];
    // The command is the rest of the line as written (its own spacing and quoting kept).
    const skip = owner ? scheduleLen : scheduleLen + 1;
    const command = line.replace(new RegExp(`^(?:\\S+\\s+){${skip}}`), '').trim();
    const complete = words.length > skip;
    if (!validSchedule || !user || !complete || command === '') {
      ctx.skips.add('autostart.malformedCronLine');
      continue;
    }
    out.push({
      kind: 'cron',
      name: clip(`${schedule.join(' ')} ${shown}`, 512),
      command: clip(command, 4096),
      user: clip(user, 64),
    });
  }
  return out;
}
