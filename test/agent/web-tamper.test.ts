import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RaisedAlarm } from '../../agent/src/detect/login-detector.js';
import { WebTamperGuard } from '../../agent/src/detect/web-tamper.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hss-wtp-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function until(check: () => boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function site(name: string) {
  const root = path.join(tmp, name);
  const www = path.join(root, 'var/www/html');
  fs.mkdirSync(path.join(www, 'css'), { recursive: true });
  fs.writeFileSync(path.join(www, 'index.html'), '<h1>Welcome</h1>');
  fs.writeFileSync(path.join(www, 'css/site.css'), 'body { color: black }');
  const alarms: RaisedAlarm[] = [];
  const guard = new WebTamperGuard({
    root,
    directories: ['/var/www/html'],
    backupDir: path.join(tmp, `${name}-state/web-backup`),
    raise: (a) => alarms.push(a),
    log: () => {},
  });
  return { www, alarms, guard };
}

describe('web tamper protection', () => {
  it('restores a changed, an added and a deleted file, with an alarm for each', async () => {
    const { www, alarms, guard } = site('shop');
    guard.start();
    try {
      fs.writeFileSync(path.join(www, 'index.html'), '<h1>Hacked</h1>');
      await until(
        () => fs.readFileSync(path.join(www, 'index.html'), 'utf8') === '<h1>Welcome</h1>',
        'the changed page to be restored',
      );

      fs.writeFileSync(path.join(www, 'shell.php'), '<?php system($_GET["c"]); ?>');
      await until(() => !fs.existsSync(path.join(www, 'shell.php')), 'the added file to be removed');

      fs.rmSync(path.join(www, 'css/site.css'));
      await until(() => fs.existsSync(path.join(www, 'css/site.css')), 'the deleted file to be restored');
      expect(fs.readFileSync(path.join(www, 'css/site.css'), 'utf8')).toBe('body { color: black }');

      await until(() => alarms.length >= 3, 'three alarms');
      expect(alarms.map((a) => [a.type, a.detail.action, a.detail.path])).toEqual(
        expect.arrayContaining([
          ['WEB_TAMPER', 'changed', '/var/www/html/index.html'],
          ['WEB_TAMPER', 'added', '/var/www/html/shell.php'],
          ['WEB_TAMPER', 'deleted', '/var/www/html/css/site.css'],
        ]),
      );
    } finally {
      guard.stop();
    }
  });

  it('while paused a person can update the site; resuming protects the new version', async () => {
    const { www, alarms, guard } = site('blog');
    guard.start();
    guard.stop(); // paused through the policy
    fs.writeFileSync(path.join(www, 'index.html'), '<h1>New release</h1>');
    await new Promise((r) => setTimeout(r, 100));
    expect(fs.readFileSync(path.join(www, 'index.html'), 'utf8')).toBe('<h1>New release</h1>');
    guard.start(); // resumed: a fresh backup of the site as it is now
    try {
      fs.writeFileSync(path.join(www, 'index.html'), '<h1>Defaced</h1>');
      await until(
        () => fs.readFileSync(path.join(www, 'index.html'), 'utf8') === '<h1>New release</h1>',
        'the new version to be restored',
      );
      expect(alarms.every((a) => a.detail.path === '/var/www/html/index.html')).toBe(true);
    } finally {
      guard.stop();
    }
  });

  it('measures tamper-to-restore (printed, not asserted)', async () => {
    const { www, guard } = site('timing');
    guard.start();
    const samples: number[] = [];
    try {
      for (let i = 0; i < 50; i++) {
        const started = performance.now();
        fs.writeFileSync(path.join(www, 'index.html'), `<h1>tamper ${i}</h1>`);
        await until(() => fs.readFileSync(path.join(www, 'index.html'), 'utf8') === '<h1>Welcome</h1>', 'the restore');
        samples.push(performance.now() - started);
      }
    } finally {
      guard.stop();
    }
    samples.sort((a, b) => a - b);
    const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(1);
    console.log(`web tamper-to-restore over ${samples.length} tampers: p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`);
    expect(samples).toHaveLength(50);
  });
});
