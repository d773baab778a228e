import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { frame, type Message, MessageType } from '@hss/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { Spool } from '../../agent/src/channel/spool.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-spool-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;
const dir = () => path.join(root, `spool-${++n}`);

const alarm = (title: string) =>
  frame(MessageType.ALARM, {
    type: 'BRUTE_FORCE' as never,
    severity: 'HIGH' as never,
    title,
    occurredAt: new Date().toISOString(),
  }) as Message;

async function ids(spool: Spool): Promise<string[]> {
  const out: string[] = [];
  for await (const m of spool.pending()) out.push(m.id);
  return out;
}

describe('the agent spool', () => {
  it('keeps reports in order across a restart until each is acknowledged', async () => {
    const where = dir();
    const spool = await Spool.open({ dir: where, maxBytes: 1 << 20, maxMessages: 100 });
    const sent = [alarm('a'), alarm('b'), alarm('c')];
    for (const m of sent) await spool.append(m);
    expect(await spool.acknowledge(sent[1]!.id)).toBe(true);
    const reopened = await Spool.open({ dir: where, maxBytes: 1 << 20, maxMessages: 100 });
    expect(await ids(reopened)).toEqual([sent[0]!.id, sent[2]!.id]);
    expect(await reopened.acknowledge('unknown')).toBe(false);
    // New reports go after the old ones.
    const d = alarm('d');
    await reopened.append(d);
    expect(await ids(reopened)).toEqual([sent[0]!.id, sent[2]!.id, d.id]);
  });

  it('when full, drops the oldest and counts the drop, across restarts', async () => {
    const where = dir();
    const spool = await Spool.open({ dir: where, maxBytes: 1 << 20, maxMessages: 3 });
    const sent = Array.from({ length: 5 }, (_, i) => alarm(`alarm ${i}`));
    for (const m of sent) await spool.append(m);
    expect(await ids(spool)).toEqual(sent.slice(2).map((m) => m.id));
    expect(spool.dropped).toBe(2);
    expect((await Spool.open({ dir: where, maxBytes: 1 << 20, maxMessages: 3 })).dropped).toBe(2);
  });

  it('bounds the bytes on disk too', async () => {
    const spool = await Spool.open({ dir: dir(), maxBytes: 1000, maxMessages: 1000 });
    for (let i = 0; i < 20; i++) await spool.append(alarm(`x`.repeat(200)));
    expect(spool.size).toBeLessThan(20);
    expect(spool.size).toBeGreaterThan(0);
    expect(spool.dropped).toBe(20 - spool.size);
  });

  it('ignores a half-written file from a crash and counts an unreadable one as dropped', async () => {
    const where = dir();
    const spool = await Spool.open({ dir: where, maxBytes: 1 << 20, maxMessages: 100 });
    const kept = alarm('kept');
    await spool.append(kept);
    fs.writeFileSync(path.join(where, '000000000002.json.tmp'), '{"half');
    fs.writeFileSync(path.join(where, '000000000003.json'), '{not json');
    const reopened = await Spool.open({ dir: where, maxBytes: 1 << 20, maxMessages: 100 });
    expect(await ids(reopened)).toEqual([kept.id]);
    expect(reopened.dropped).toBe(1);
    expect(fs.existsSync(path.join(where, '000000000002.json.tmp'))).toBe(false);
  });
});
