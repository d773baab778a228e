import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SequenceCounter } from '../../agent/src/channel/sequence.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-sequence-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;
const file = () => path.join(root, `state-${++n}`, 'sequence.json');
const take = (counter: SequenceCounter, count: number) => Array.from({ length: count }, () => counter.take());

describe('the agent frame sequence counter', () => {
  it('rises strictly, and after a restart (or a crash) continues above every number it handed out', () => {
    const where = file();
    const first = SequenceCounter.open(where, 10);
    expect(take(first, 12)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(fs.statSync(where).mode & 0o777).toBe(0o600);
    // Nothing more is written until the block is used up: a crash now loses at most the rest of it.
    const second = SequenceCounter.open(where, 10);
    const next = take(second, 3);
    expect(next[0]).toBeGreaterThan(12);
    expect(next).toEqual([next[0], next[0]! + 1, next[0]! + 2]);
    const third = SequenceCounter.open(where, 10);
    expect(third.take()).toBeGreaterThan(next[2]!);
  });

  it("continues above the control plane's lastSeq, and remembers it across a restart", () => {
    const where = file();
    const counter = SequenceCounter.open(where, 1000);
    counter.take();
    counter.continueAbove(50_000);
    expect(counter.take()).toBe(50_001);
    counter.continueAbove(10);
    expect(counter.take()).toBe(50_002);
    expect(SequenceCounter.open(where, 1000).take()).toBeGreaterThan(50_002);
  });

  it('starts from 0 with a missing or damaged file (the welcome repairs it) and leaves no temporary file', () => {
    const where = file();
    fs.mkdirSync(path.dirname(where), { recursive: true });
    fs.writeFileSync(where, 'not json');
    expect(SequenceCounter.open(where).take()).toBe(1);
    expect(fs.readdirSync(path.dirname(where))).toEqual(['sequence.json']);
    expect(SequenceCounter.inMemory().take()).toBe(1);
  });
});
