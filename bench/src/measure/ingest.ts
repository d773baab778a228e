import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { buildInventory, inventoryRows } from '../fixtures/inventory.js';
import { count } from '../stats.js';
import type { ClientProcess } from '../worker/pool.js';
import type { IngestResult } from '../worker/protocol.js';
import type { BenchPlane } from './control-plane.js';
import { copyFrom, csvField } from './copy.js';
import { progress, ratio, round } from './util.js';

export interface IngestMeasurement {
  ingest_rows_per_s: number | null;
  ingest_note: string | null;
  ingest_reports: number;
  ingest_rows: number;
  ingest_acked_rows: number;
  ingest_rows_in_db: number | null;
  ingest_baseline: string;
  copy_rows_per_s: number | null;
  ingest_ratio_vs_copy: number | null;
}

const ASSET_TABLES = ['software', 'listening_port', 'process', 'host_account', 'autostart_item'];
const SCRATCH = 'bench_copy_software';

/**
 * Inventory rows acknowledged per second when `reports` agents send their inventories at once
 * through the gateway (an ack is sent only after the rows are committed), against COPY of the
 * same number of rows into a table shaped like `software` through raw pg.
 */
export async function measureIngest(clients: ClientProcess[], plane: BenchPlane, reports: number): Promise<IngestMeasurement> {
  const share = Math.ceil(reports / clients.length);
  const prepared = await Promise.all(
    clients.map((c, i) => c.ask('ingest-prepare', { count: Math.max(0, Math.min(share, reports - i * share)) })),
  );
  const rows = prepared.reduce((n, p) => n + p.rows, 0);
  const sent = prepared.reduce((n, p) => n + p.reports, 0);
  progress(`ingest: ${sent} agents send their inventories at once (${rows} rows)`);
  const results: IngestResult[] = await Promise.all(clients.map((c) => c.ask('ingest-go', { timeoutMs: 180_000 })));
  const acked = results.reduce((n, r) => n + r.acked, 0);
  const ackedRows = results.reduce((n, r) => n + r.ackedRows, 0);
  const refused: Record<string, number> = {};
  for (const r of results) for (const [code, n] of Object.entries(r.refused)) count(refused, code, n);
  const first = Math.min(...results.map((r) => r.firstSentAt));
  const last = Math.max(...results.map((r) => r.lastAnswerAt));

  let rate: number | null = null;
  let note: string | null = null;
  if (acked === 0) {
    note =
      `No inventory was acknowledged: the gateway answered ${JSON.stringify(refused)}. ` +
      (refused.UNEXPECTED_MESSAGE
        ? 'This control plane does not store inventory reports yet (its gateway answers UNEXPECTED_MESSAGE), so there is no ingest rate to report.'
        : 'See the control plane log.');
  } else {
    rate = ackedRows / ((last - first) / 1000);
    if (acked < sent) note = `${sent - acked} of ${sent} inventories were not acknowledged: ${JSON.stringify(refused)}.`;
  }
  const inDb = acked ? await rowsInDatabase(plane) : null;
  progress(`ingest: ${acked}/${sent} acknowledged${rate ? `, ${rate.toFixed(0)} rows/s` : ''}; now the COPY baseline`);

  const copy = await copyBaseline(plane, rows, sent);
  progress(`ingest: ${copy.method} ${copy.rowsPerSecond.toFixed(0)} rows/s`);
  return {
    ingest_rows_per_s: round(rate, 0),
    ingest_note: note,
    ingest_reports: sent,
    ingest_rows: rows,
    ingest_acked_rows: ackedRows,
    ingest_rows_in_db: inDb,
    ingest_baseline: copy.method,
    copy_rows_per_s: round(copy.rowsPerSecond, 0),
    ingest_ratio_vs_copy: ratio(rate, copy.rowsPerSecond),
  };
}

/** Rows in the five asset tables (the lead's), when they exist: acks should mean committed rows. */
async function rowsInDatabase(plane: BenchPlane): Promise<number | null> {
  const client = new pg.Client({ connectionString: plane.databaseUrl });
  await client.connect();
  try {
    let total = 0;
    for (const table of ASSET_TABLES) {
      const exists = await client.query('select to_regclass($1) as t', [table]);
      if (!exists.rows[0]?.t) return null;
      const r = await client.query(`select count(*)::int as n from "${table}" where account_id = $1`, [plane.accountId]);
      total += r.rows[0].n as number;
    }
    return total;
  } finally {
    await client.end();
  }
}

/**
 * The same number of rows, spread over the same number of the account's servers as the
 * inventories were, into a scratch table with the shape, keys and indexes of `software`.
 * Rows are built before the clock starts; the clock covers the COPY alone.
 */
async function copyBaseline(
  plane: BenchPlane,
  rows: number,
  servers: number,
): Promise<{ rowsPerSecond: number; method: string }> {
  const client = new pg.Client({ connectionString: plane.databaseUrl });
  await client.connect();
  try {
    await client.query(`drop table if exists ${SCRATCH}`);
    await client.query(`create table ${SCRATCH} (
      id uuid not null primary key,
      account_id uuid not null references account (id) on update cascade on delete cascade,
      server_id uuid not null references server (id) on update cascade on delete cascade,
      name text not null, version text not null, architecture text null, source text not null)`);
    await client.query(`create index on ${SCRATCH} (account_id)`);
    await client.query(`create index on ${SCRATCH} (server_id, name)`);
    const ids = (
      await client.query<{ id: string }>('select id from server where account_id = $1 order by id limit $2', [
        plane.accountId,
        Math.max(1, servers),
      ])
    ).rows.map((r) => r.id);

    // Each server gets as many rows as a simulated host's inventory has, from its package list.
    const records: string[][] = [];
    for (let s = 0; records.length < rows; s++) {
      const inventory = buildInventory('sim', s + 1);
      const serverId = ids[s % ids.length]!;
      const n = Math.min(inventoryRows(inventory), rows - records.length);
      for (let i = 0; i < n; i++) {
        const p = inventory.software[i % inventory.software.length]!;
        records.push([randomUUID(), plane.accountId, serverId, p.name, p.version, p.architecture ?? null, p.source] as string[]);
      }
    }
    const text = `copy ${SCRATCH} (id, account_id, server_id, name, version, architecture, source) from stdin with (format csv)`;
    const chunks: Buffer[] = [];
    for (let i = 0; i < records.length; i += 5000) {
      chunks.push(
        Buffer.from(
          records
            .slice(i, i + 5000)
            .map((r) => `${r.map(csvField).join(',')}\n`)
            .join(''),
        ),
      );
    }
    try {
      const started = performance.now();
      const copied = await copyFrom(client, text, chunks);
      const seconds = (performance.now() - started) / 1000;
      if (copied !== records.length) throw new Error(`COPY stored ${copied} of ${records.length} rows`);
      return {
        rowsPerSecond: copied / seconds,
        method: `COPY ${SCRATCH} FROM STDIN (CSV) through raw pg: one statement on one connection, table shaped like software (primary key, both indexes, both foreign keys)`,
      };
    } catch (err) {
      progress(`COPY failed (${(err as Error).message}); measuring multi-row INSERT instead`);
      await client.query(`truncate ${SCRATCH}`);
      const started = performance.now();
      for (let i = 0; i < records.length; i += 1000) {
        const batch = records.slice(i, i + 1000);
        const values = batch.map((_, r) => `(${Array.from({ length: 7 }, (_, c) => `$${r * 7 + c + 1}`).join(',')})`).join(',');
        await client.query(
          `insert into ${SCRATCH} (id, account_id, server_id, name, version, architecture, source) values ${values}`,
          batch.flat(),
        );
      }
      return {
        rowsPerSecond: records.length / ((performance.now() - started) / 1000),
        method: `multi-row INSERT (1000 rows per statement) into ${SCRATCH} through raw pg, one connection (COPY failed)`,
      };
    }
  } finally {
    await client.query(`drop table if exists ${SCRATCH}`).catch(() => {});
    await client.end();
  }
}
