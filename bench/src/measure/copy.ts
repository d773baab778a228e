import type pg from 'pg';

/**
 * `COPY … FROM STDIN` through node-postgres without pg-copy-streams: pg accepts any object with
 * a `submit(connection)` method as a query, and its connection can send CopyData messages. We
 * send the whole prepared CSV once the server asks for it (CopyInResponse), then CopyDone.
 */
class CopyIn {
  callback?: (err: Error | null, rows: number) => void;
  private error: Error | null = null;
  private rows = 0;

  constructor(
    private readonly text: string,
    private readonly chunks: Buffer[],
  ) {}

  submit(connection: { query(text: string): void; sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void }): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void }): void {
    for (const chunk of this.chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }

  handleCommandComplete(msg: { text?: string }): void {
    this.rows = Number(/COPY (\d+)/.exec(msg.text ?? '')?.[1] ?? 0);
  }

  handleError(err: Error): void {
    this.error = err;
  }

  handleReadyForQuery(): void {
    this.callback?.(this.error, this.rows);
  }

  // Messages a COPY does not produce; present because pg may call them on any active query.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** Runs one COPY of `chunks` (CSV) on `client`; resolves with the rows the server counted. */
export function copyFrom(client: pg.Client, text: string, chunks: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const query = new CopyIn(text, chunks);
    query.callback = (err, rows) => (err ? reject(err) : resolve(rows));
    client.query(query as never);
  });
}

/** One CSV field: quoted when it has to be; null is the unquoted empty string (COPY's CSV default). */
export function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\n\r]/.test(value) || value === '' ? `"${value.replace(/"/g, '""')}"` : value;
}
