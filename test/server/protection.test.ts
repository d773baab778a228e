import { describe, expect, it } from 'vitest';
import { startTestServer } from '../helpers/server.js';

const hss = await startTestServer();

const ENABLE = `mutation($input: EnableProtectionInput!) {
  enableProtection(input: $input) {
    server { id protectionStatus billingMode detectionResult edition { code } quota { id } }
    quota { id status expiresAt }
    scanTask { id status trigger }
  }
}`;
const DISABLE = `mutation($input: DisableProtectionInput!) {
  disableProtection(input: $input) { server { id protectionStatus edition { code } quota { id } } releasedQuota { id status } }
}`;
const BIND = `mutation($input: BindQuotaInput!) {
  bindQuota(input: $input) { quota { id status server { id } } server { id protectionStatus billingMode edition { code } } scanTask { id } }
}`;
const UNBIND = `mutation($input: UnbindQuotaInput!) {
  unbindQuota(input: $input) { quota { id status server { id } } server { id protectionStatus edition { code } } }
}`;

function codeOf(res: { errors?: { extensions?: Record<string, any> }[] }): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

describe('enableProtection', () => {
  it('protects an online server with "any quota" and starts a full scan', async () => {
    const t = await hss.createTenant();
    const [serverId] = await hss.registerServers(t, 1);
    await hss.setAgentOnline([serverId!]);
    await hss.purchaseQuotas(t, { edition: 'ENTERPRISE', count: 1 });
    const res = await t.gql(ENABLE, {
      input: { serverId, edition: 'ENTERPRISE', billingMode: 'YEARLY_MONTHLY', acceptDisclaimer: true },
    });
    expect(res.errors).toBeUndefined();
    const payload = res.data!.enableProtection;
    expect(payload.server).toMatchObject({ protectionStatus: 'ENABLED', billingMode: 'YEARLY_MONTHLY', detectionResult: 'PENDING', edition: { code: 'ENTERPRISE' } });
    expect(payload.quota.status).toBe('IN_USE');
    expect(payload.server.quota.id).toBe(payload.quota.id);
    expect(payload.scanTask).toMatchObject({ status: 'QUEUED', trigger: 'PROTECTION_ENABLED' });
  });
});
