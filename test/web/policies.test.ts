import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { MessageType, UserRole } from '@hss/schema';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type AgentClient, connectAgent, hostFacts } from '../helpers/agent-client.js';
import { launchBrowser, startConsole } from '../helpers/console.js';
import { freePort } from '../helpers/ports.js';
import { startTestServer, type Tenant } from '../helpers/server.js';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
await mkdir(screenshots, { recursive: true });

const consolePort = await freePort();
const hss = await startTestServer({
  gateway: {},
  env: { HSS_ALLOWED_ORIGINS: `http://localhost:${consolePort}` },
});
const web = await startConsole(Number(new URL(hss.url).port), consolePort);
const { newContext } = await launchBrowser();
const tenant = await hss.createTenant('policies');
const operator = await hss.addUser(tenant, UserRole.OPERATOR);
const viewer = await hss.addUser(tenant, UserRole.VIEWER);

/** An enrolled agent of the tenant's region that has applied the policy it got on connecting. */
async function enrollAgent(hostname: string): Promise<AgentClient> {
  const res = await tenant.gql<{ createEnrollmentToken: { token: string } }>(
    'mutation($i: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $i) { token } }',
    { i: { regionId: tenant.regionId } },
  );
  const agent = await connectAgent(hss.app.gateway!.url);
  agent.send(MessageType.ENROLL, { token: res.data!.createEnrollmentToken.token, host: hostFacts({ hostname }) });
  await agent.next(MessageType.WELCOME);
  const policy = await agent.next(MessageType.POLICY);
  agent.send(MessageType.ACK, { ackId: policy.id });
  return agent;
}
const agent = await enrollAgent('web-01');

interface Policy {
  version: number;
  acknowledgedBy: number;
  loginProtection: { commonLoginIps: string[]; sshWhitelist: string[]; enforceSshWhitelist: boolean };
  bruteForce: { threshold: number; windowSeconds: number; blockSeconds: number };
  fimPaths: string[];
  isolateMaliciousFiles: boolean;
  webTamper: { directories: string[]; paused: boolean };
}
async function apiPolicy(): Promise<Policy> {
  const res = await tenant.gql<{ policy: Policy }>(
    `query($r: ID!) { policy(regionId: $r) { version acknowledgedBy
      loginProtection { commonLoginIps sshWhitelist enforceSshWhitelist }
      bruteForce { threshold windowSeconds blockSeconds } fimPaths isolateMaliciousFiles webTamper { directories paused } } }`,
    { r: tenant.regionId },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.policy;
}

const contexts: BrowserContext[] = [];
async function openPage(width?: number, height?: number): Promise<Page> {
  const context = await newContext(width, height);
  contexts.push(context);
  return context.newPage();
}
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

async function signIn(page: Page, user: Tenant, next = '/policies'): Promise<void> {
  await page.goto(`${web.url}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('E-mail').fill(user.adminEmail);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const acknowledgements = (page: Page) => page.getByTestId('policy-acknowledgements');

/** Resolves once the page shows the policy's version acknowledged by `count` online agents. */
async function acknowledgedBy(page: Page, version: number, count: number): Promise<void> {
  await acknowledgements(page).getByText(`Version ${version}`).waitFor();
  await expect.poll(() => acknowledgements(page).getAttribute('data-acknowledged'), { timeout: 10_000 }).toBe(String(count));
}

describe('the policies page', () => {
  it('lets an operator change the brute-force threshold and the SSH whitelist; the agent gets the new version', async () => {
    const before = await apiPolicy();
    const page = await openPage();
    await signIn(page, operator, '/');
    await page.getByRole('link', { name: 'Policies' }).first().click();
    await page.getByRole('heading', { name: 'Brute force' }).waitFor();
    await acknowledgedBy(page, before.version, 1);
    expect(await page.getByLabel('Failed logins').inputValue()).toBe(String(before.bruteForce.threshold));
    const save = page.getByRole('button', { name: 'Save' });
    expect(await save.isDisabled()).toBe(true);

    await page.getByLabel('Failed logins').fill('3');
    // One entry a line; blank lines and spaces around entries are dropped.
    await page.getByLabel(/^SSH whitelist/).fill('10.0.0.0/8\n\n  192.0.2.7  \n');
    await save.click();
    const version = before.version + 1;
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).textContent())
      .toBe(`Saved — version ${version}, pushed to the region's online agents.`);

    const after = await apiPolicy();
    expect(after.version).toBe(version);
    expect(after.bruteForce).toEqual({ ...before.bruteForce, threshold: 3 });
    expect(after.loginProtection).toEqual({ ...before.loginProtection, sshWhitelist: ['10.0.0.0/8', '192.0.2.7'] });
    // Sections left alone keep their values.
    expect(after.fimPaths).toEqual(before.fimPaths);
    expect(after.webTamper).toEqual(before.webTamper);

    // The saved list shows as the API keeps it.
    expect(await page.getByLabel(/^SSH whitelist/).inputValue()).toBe('10.0.0.0/8\n192.0.2.7');

    const pushed = await agent.next(MessageType.POLICY);
    expect(pushed.payload.version).toBe(version);
    expect(pushed.payload.policy).toMatchObject({
      bruteForce: { threshold: 3 },
      loginProtection: { sshWhitelist: ['10.0.0.0/8', '192.0.2.7'] },
    });
    agent.send(MessageType.ACK, { ackId: pushed.id });
    // The page looks again by itself until the online agents have applied the new version.
    await acknowledgedBy(page, version, 1);
    expect(await acknowledgements(page).locator('li[data-server-name="web-01"]').getAttribute('data-acknowledged')).toBe('true');
    expect(await save.isDisabled()).toBe(true);
    await page.screenshot({ path: `${screenshots}policies.png`, fullPage: true });
  });

  it('shows the API’s error beside Save for a bad value, and changes nothing', async () => {
    const before = await apiPolicy();
    const page = await openPage();
    await signIn(page, operator);
    await page.getByRole('heading', { name: 'Brute force' }).waitFor();
    const save = page.getByRole('button', { name: 'Save' });

    await page.getByLabel(/^SSH whitelist/).fill('10.0.0.0/8\nnot-an-ip');
    await save.click();
    await expect
      .poll(() => page.getByTestId('policy-save').getByRole('alert').textContent())
      .toMatch(/sshWhitelist must be an IP address or CIDR block/);
    expect(await page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(0);

    await page.getByLabel(/^SSH whitelist/).fill(before.loginProtection.sshWhitelist.join('\n'));
    await page.getByLabel('Failed logins').fill('0');
    await save.click();
    await expect.poll(() => page.getByTestId('policy-save').getByRole('alert').textContent()).toMatch(/threshold/);
    // An empty number is not taken as 0: the API says the value is missing.
    await page.getByLabel('Failed logins').fill('');
    await save.click();
    await expect
      .poll(() => page.getByTestId('policy-save').getByRole('alert').textContent())
      .toMatch(/bruteForce\.threshold.*not to be null/);

    expect(await apiPolicy()).toEqual(before);
  });

  it('pauses web tamper protection for a site update and resumes it', async () => {
    const before = await apiPolicy();
    const page = await openPage();
    await signIn(page, operator);
    const section = page.getByTestId('web-tamper');
    await section.getByRole('heading', { name: 'Web tamper protection' }).waitFor();
    expect(await section.getByTestId('web-tamper-state').textContent()).toBe('Protecting');

    await section.getByRole('button', { name: 'Pause protection (to update the site)' }).click();
    await section.getByRole('button', { name: 'Resume' }).waitFor();
    expect(await section.getByTestId('web-tamper-state').textContent()).toBe('Paused');
    expect((await apiPolicy()).webTamper.paused).toBe(true);
    const paused = await agent.next(MessageType.POLICY);
    expect(paused.payload).toMatchObject({ version: before.version + 1, policy: { webTamper: { paused: true } } });
    agent.send(MessageType.ACK, { ackId: paused.id });

    await section.getByRole('button', { name: 'Resume' }).click();
    await section.getByRole('button', { name: 'Pause protection (to update the site)' }).waitFor();
    const after = await apiPolicy();
    expect(after).toMatchObject({ version: before.version + 2, webTamper: { paused: false } });
    const resumed = await agent.next(MessageType.POLICY);
    expect(resumed.payload).toMatchObject({ version: before.version + 2, policy: { webTamper: { paused: false } } });
    agent.send(MessageType.ACK, { ackId: resumed.id });
  });

  it('shows a viewer the policy read-only: inputs disabled, no Save', async () => {
    const current = await apiPolicy();
    const page = await openPage();
    await signIn(page, viewer);
    await page.getByRole('heading', { name: 'Brute force' }).waitFor();
    expect(await page.getByLabel('Failed logins').inputValue()).toBe(String(current.bruteForce.threshold));

    const form = page.getByRole('form', { name: 'Policy' });
    const inputs = form.locator('fieldset').locator('input, textarea');
    expect(await inputs.count()).toBeGreaterThan(5);
    for (const input of await inputs.all()) expect(await input.isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Pause protection|Resume/ }).count()).toBe(0);
  });

  it('fits a 390 px phone screen without sideways scrolling', async () => {
    const page = await openPage(390, 844);
    await signIn(page, operator);
    await page.getByRole('heading', { name: 'Web tamper protection' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${screenshots}phone-policies.png`, fullPage: true });
  });
});
