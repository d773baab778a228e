import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { scanInChild } from '../../agent/src/scan-child.js';

const fixture = fileURLToPath(new URL('../fixtures/hosts/debian-weak', import.meta.url));
const signaturesFile = fileURLToPath(new URL('../../agent/policies/malware-sha256.txt', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-scanchild-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('a full scan in a child process', () => {
  it('sends the inventory first, then the findings, malicious files and what the scan cost', async () => {
    const host = path.join(tmp, 'host');
    fs.cpSync(fixture, host, { recursive: true, verbatimSymlinks: true });
    fs.mkdirSync(path.join(host, 'tmp'), { recursive: true });
    fs.writeFileSync(path.join(host, 'tmp/eicar.com'), 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');
    const order: string[] = [];
    const running = scanInChild({ root: host, malware: { dirs: ['/tmp'], signaturesFile, quarantineDir: null } }, (inventory) =>
      order.push(`inventory:${inventory.software.length > 0}`),
    );
    const { result, malicious, cost } = await running.done;
    order.push('done');
    expect(order).toEqual(['inventory:true', 'done']);
    expect(result.findings.map((f) => f.fingerprint)).toEqual(
      expect.arrayContaining(['baseline:ssh.permit-root-login', 'weak-password:alice']),
    );
    expect(malicious.map((m) => [m.path, m.signature])).toEqual([['/tmp/eicar.com', 'EICAR-Test-File']]);
    expect(cost.cpuMs).toBeGreaterThan(0);
    expect(cost.maxRssKb).toBeGreaterThan(0);
  });

  it('fails with the scan’s own message for a root that is not a host', async () => {
    await expect(scanInChild({ root: path.join(tmp, 'missing') }).done).rejects.toThrow(/does not exist/);
  });

  it('ends without a result when the agent stops it', async () => {
    const running = scanInChild({ root: fixture });
    running.kill();
    await expect(running.done).rejects.toThrow(/ended without a result/);
  });
});
