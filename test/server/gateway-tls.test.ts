import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageType } from '@hss/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { connectAgent, hostFacts } from '../helpers/agent-client.js';
import { startTestServer } from '../helpers/server.js';

// A throwaway certificate authority and a server certificate for 127.0.0.1, made with openssl.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-tls-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);
const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
openssl(
  'req',
  '-x509',
  '-newkey',
  'rsa:2048',
  '-nodes',
  '-days',
  '1',
  '-subj',
  '/CN=HSS test CA',
  '-keyout',
  file('ca.key'),
  '-out',
  file('ca.pem'),
);
openssl(
  'req',
  '-newkey',
  'rsa:2048',
  '-nodes',
  '-subj',
  '/CN=127.0.0.1',
  '-keyout',
  file('server.key'),
  '-out',
  file('server.csr'),
);
fs.writeFileSync(file('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
openssl(
  'x509',
  '-req',
  '-in',
  file('server.csr'),
  '-CA',
  file('ca.pem'),
  '-CAkey',
  file('ca.key'),
  '-CAcreateserial',
  '-days',
  '1',
  '-extfile',
  file('ext.cnf'),
  '-out',
  file('server.pem'),
);

const hss = await startTestServer({ gateway: {}, env: { HSS_TLS_CERT: file('server.pem'), HSS_TLS_KEY: file('server.key') } });

describe('agent gateway over TLS', () => {
  it('speaks wss:// with the configured certificate, and an agent that trusts the CA enrolls', async () => {
    expect(hss.app.gateway!.url).toMatch(/^wss:\/\//);
    const t = await hss.createTenant();
    const res = await t.gql('mutation($i: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $i) { token } }', {
      i: { regionId: t.regionId },
    });
    const agent = await connectAgent(hss.app.gateway!.url, { ca: fs.readFileSync(file('ca.pem')) });
    agent.send(MessageType.ENROLL, { token: res.data!.createEnrollmentToken.token, host: hostFacts() });
    expect((await agent.next(MessageType.WELCOME)).payload.credential).toMatch(/^hss_a_/);
    agent.close();
  });

  it('refuses agents that do not trust the certificate, and plain ws://', async () => {
    await expect(connectAgent(hss.app.gateway!.url)).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
    await expect(connectAgent(hss.app.gateway!.url.replace('wss://', 'ws://'))).rejects.toThrow();
  });
});
