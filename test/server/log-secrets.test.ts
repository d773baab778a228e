import { PassThrough } from 'node:stream';
import { createLogger } from '@hss/server';
import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../helpers/expect.js';
import { captureLogs, findLeaks, scanCapturedLogs } from '../helpers/secrets.js';
import { startTestServer } from '../helpers/server.js';

const hss = await startTestServer();

/** A pino logger configured as the server's, whose lines are captured like a test server's. */
function capturedLogger() {
  const lines: string[] = [];
  captureLogs(lines);
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  return { log: createLogger('info', sink), lines, flushed: () => new Promise((r) => setImmediate(r)) };
}

describe('secrets in logs', () => {
  it('the scan names the kind of a secret that reaches a log line, never the secret itself', async () => {
    const t = await hss.createTenant();
    const token = expectOk(await t.gql('mutation { createApiToken(input: { name: "leak", role: VIEWER }) { secret } }'))
      .createApiToken.secret as string;
    expect(scanCapturedLogs().leaks).toEqual([]);

    const { log, lines, flushed } = capturedLogger();
    // Redaction covers fields named like secrets…
    log.info({ password: t.password, authorization: `Bearer ${t.token}` }, 'sign-in');
    await flushed();
    expect(scanCapturedLogs().leaks).toEqual([]);
    // …not a secret written into a message.
    log.warn(`could not use ${token} for ${t.adminEmail} (password ${t.password})`);
    await flushed();
    const { leaks } = scanCapturedLogs();
    expect(leaks.sort()).toEqual(['API token (in 1 log line)', 'password (in 1 log line)']);
    expect(leaks.join(' ')).not.toContain(token);
    expect(findLeaks([`x ${t.token} y`])).toEqual(['session token (in 1 log line)']);
    // Take the planted leak back, or this file would fail when it ends.
    lines.length = 0;
    expect(scanCapturedLogs().leaks).toEqual([]);
  });

  it('sign-in, failures, tokens, password changes and enrollment tokens leave no secret in the logs', async () => {
    const t = await hss.createTenant();
    expectError(
      await hss.gql('mutation($i: LoginInput!) { login(input: $i) { token } }', {
        i: { email: t.adminEmail, password: 'a-wrong-password-1' },
      }),
      'UNAUTHENTICATED',
    );
    expectOk(await t.gql('mutation { createApiToken(input: { name: "ci", role: OPERATOR }) { secret } }'));
    expectOk(
      await t.gql('mutation($i: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $i) { token } }', {
        i: { regionId: t.regionId },
      }),
    );
    expectOk(
      await t.gql('mutation($i: ChangePasswordInput!) { changePassword(input: $i) { revokedSessions } }', {
        i: { currentPassword: t.password, newPassword: 'a-new-long-password' },
      }),
    );
    expectError(await hss.gql('{ viewer { id } }', {}, `${t.token}-tampered`), 'UNAUTHENTICATED');
    const scan = scanCapturedLogs();
    // The scan had something to look at and something to look for.
    expect(scan.lines).toBeGreaterThan(0);
    expect(scan.secrets).toBeGreaterThanOrEqual(6);
    expect(scan.leaks).toEqual([]);
  });
});
