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

  it('removes a folder created after the backup, with what is written into it', async () => {
    const { www, alarms, guard } = site('uploads');
    guard.start();
    try {
      // An attacker's folder with a web shell, made in one go and file by file.
      fs.mkdirSync(path.join(www, 'assets/.cache/x'), { recursive: true });
      fs.writeFileSync(path.join(www, 'assets/.cache/x/shell.php'), '<?php eval($_POST["c"]); ?>');
      fs.mkdirSync(path.join(www, 'css/extra'));
      for (let i = 0; i < 20; i++) {
        try {
          fs.writeFileSync(path.join(www, `css/extra/payload-${i}.php`), '<?php phpinfo(); ?>');
        } catch {
          // The folder is already gone: the guard was quicker than the attacker.
        }
      }
      await until(
        () => !fs.existsSync(path.join(www, 'assets')) && !fs.existsSync(path.join(www, 'css/extra')),
        'the new folders to be removed',
      );
      expect(fs.readdirSync(www).sort()).toEqual(['css', 'index.html']);
      expect(fs.readdirSync(path.join(www, 'css'))).toEqual(['site.css']);
      await until(() => alarms.length >= 2, 'the alarms');
      expect(alarms.map((a) => [a.detail.action, a.detail.path])).toEqual(
        expect.arrayContaining([
          ['added', '/var/www/html/assets'],
          ['added', '/var/www/html/css/extra'],
        ]),
      );
      // The guard still watches the site after removing the folders.
      fs.writeFileSync(path.join(www, 'index.html'), '<h1>Hacked</h1>');
      await until(() => fs.readFileSync(path.join(www, 'index.html'), 'utf8') === '<h1>Welcome</h1>', 'the page to be restored');
    } finally {
      guard.stop();
    }
  });

  it('restores a deleted folder and keeps watching it; a folder replaced by a file comes back too', async () => {
    const { www, alarms, guard } = site('restored');
    guard.start();
    try {
      fs.rmSync(path.join(www, 'css'), { recursive: true });
      await until(() => fs.existsSync(path.join(www, 'css/site.css')), 'the deleted folder to be restored');
      expect(fs.readFileSync(path.join(www, 'css/site.css'), 'utf8')).toBe('body { color: black }');

      // The restored folder is a new one: its watch is new too.
      await until(() => alarms.length >= 1, 'the alarm for the deleted folder');
      fs.writeFileSync(path.join(www, 'css/site.css'), 'body { display: none }');
      fs.writeFileSync(path.join(www, 'css/evil.js'), 'steal()');
      await until(
        () =>
          fs.readFileSync(path.join(www, 'css/site.css'), 'utf8') === 'body { color: black }' &&
          !fs.existsSync(path.join(www, 'css/evil.js')),
        'the changes in the restored folder to be undone',
      );

      fs.rmSync(path.join(www, 'css'), { recursive: true });
      fs.writeFileSync(path.join(www, 'css'), 'not a folder');
      await until(
        () => fs.statSync(path.join(www, 'css')).isDirectory() && fs.existsSync(path.join(www, 'css/site.css')),
        'the folder to replace the file',
      );
    } finally {
      guard.stop();
    }
  });

  it('restores the protected directory itself when it is deleted, and keeps protecting it', async () => {
    const { www, alarms, guard } = site('wiped');
    guard.start();
    try {
      fs.rmSync(www, { recursive: true });
      await until(
        () => fs.existsSync(path.join(www, 'css/site.css')) && fs.existsSync(path.join(www, 'index.html')),
        'the site to be restored',
      );
      expect(fs.readFileSync(path.join(www, 'index.html'), 'utf8')).toBe('<h1>Welcome</h1>');
      // Whether the directory or its files are reported depends on which event comes first.
      expect(alarms.length).toBeGreaterThan(0);
      expect(alarms.every((a) => a.detail.action === 'deleted' && String(a.detail.path).startsWith('/var/www/html'))).toBe(true);
      fs.writeFileSync(path.join(www, 'index.html'), '<h1>Hacked</h1>');
      await until(() => fs.readFileSync(path.join(www, 'index.html'), 'utf8') === '<h1>Welcome</h1>', 'the page to be restored');
    } finally {
      guard.stop();
    }
  });

  it('the periodic verification puts back what no event reported', () => {
    const { www, alarms, guard } = site('verified');
    guard.start();
    guard.stop(); // no watches: only verify() can see these
    fs.writeFileSync(path.join(www, 'index.html'), '<h1>Hacked</h1>');
    fs.rmSync(path.join(www, 'css'), { recursive: true });
    fs.mkdirSync(path.join(www, 'up/load'), { recursive: true });
    fs.writeFileSync(path.join(www, 'up/load/shell.php'), '<?php ?>');
    guard.verify();
    expect(fs.readFileSync(path.join(www, 'index.html'), 'utf8')).toBe('<h1>Welcome</h1>');
    expect(fs.readFileSync(path.join(www, 'css/site.css'), 'utf8')).toBe('body { color: black }');
    expect(fs.existsSync(path.join(www, 'up'))).toBe(false);
    expect(alarms.map((a) => [a.detail.action, a.detail.path]).sort()).toEqual([
      ['added', '/var/www/html/up'],
      ['changed', '/var/www/html/index.html'],
      ['deleted', '/var/www/html/css'],
    ]);
    // Nothing left to put back: a second pass raises nothing.
    guard.verify();
    expect(alarms).toHaveLength(3);
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
