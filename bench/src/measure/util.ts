import v8 from 'node:v8';
import vm from 'node:vm';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Progress for the operator; stdout is kept for the result. */
export function progress(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

/** Nearest-rank percentile of unsorted samples, in their unit; null without samples. */
export function percentile(samples: number[], p: number): number | null {
  if (!samples.length) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (n: number | null, digits = 2): number | null =>
  n === null || !Number.isFinite(n) ? null : Math.round(n * 10 ** digits) / 10 ** digits;

export const ratio = (a: number | null, b: number | null): number | null => (a === null || !b ? null : round(a / b, 3));

// A full collection before reading RSS, so that garbage does not count as per-agent memory.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

export async function settledRss(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(200);
  }
  return process.memoryUsage().rss;
}
