/** Host accounts for the inventory: passwd entries enriched from shadow, group and sudoers. */
import { clip, type ScanContext } from '../host-root.js';
import type { HostAccount } from '../types.js';
import { sudoUsers } from './sudoers.js';
import { hasEmptyPassword, isLoginShell, readUserDb, type UserDb } from './users.js';

const DAY_MS = 86_400_000;

export function collectAccounts(ctx: ScanContext, db: UserDb = readUserDb(ctx.root, ctx.skips)): HostAccount[] {
  const sudo = sudoUsers(ctx.root, db, ctx.skips);
  return db.passwd.map((p) => {
    const lastChange = db.shadow.get(p.name)?.lastChange;
    return {
      name: clip(p.name, 64),
      uid: p.uid,
      gid: p.gid,
      shell: clip(p.shell, 256),
      home: clip(p.home, 1024),
      loginShell: isLoginShell(p.shell),
      sudo: sudo.has(p.name),
      emptyPassword: hasEmptyPassword(db, p),
      // 0 is not a date but "must change at next login" (shadow(5)); leave it out.
      ...(lastChange ? { passwordChangedAt: new Date(lastChange * DAY_MS).toISOString().slice(0, 10) } : {}),
    };
  });
}
