'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { RegionSelect, useCanOperate, useSession } from '@/components/app-shell';
import { Badge, Dialog, ErrorNote, PagedList, Select, usePages } from '@/components/ui';
import { graphql } from '@/gql';
import type { BillingMode, EditionCode, QuotaStatus } from '@/gql/graphql';
import { dateTime, label } from '@/lib/format';
import { useUrlState } from '@/lib/url-state';

const QuotasDoc = graphql(`
  query QuotasPage($first: Int!, $after: String, $filter: QuotaFilter) {
    quotas(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          billingMode
          expiresAt
          boundAt
          edition {
            code
            name
          }
          region {
            id
            name
          }
          server {
            id
            name
          }
        }
      }
    }
  }
`);

const BindableServersDoc = graphql(`
  query BindableServers($regionId: ID!) {
    servers(first: 100, filter: { regionId: $regionId, protectionStatus: [DISABLED] }) {
      edges {
        node {
          id
          name
          agentStatus
        }
      }
    }
  }
`);

const BindDoc = graphql(`
  mutation BindQuota($input: BindQuotaInput!) {
    bindQuota(input: $input) {
      quota {
        id
        status
      }
      server {
        id
        protectionStatus
      }
    }
  }
`);

const UnbindDoc = graphql(`
  mutation UnbindQuota($input: UnbindQuotaInput!) {
    unbindQuota(input: $input) {
      quota {
        id
        status
      }
    }
  }
`);

const PurchaseDoc = graphql(`
  mutation PurchaseQuotas($input: PurchaseQuotasInput!) {
    purchaseQuotas(input: $input) {
      quotas {
        id
      }
    }
  }
`);

const STATUSES: QuotaStatus[] = ['IDLE', 'IN_USE', 'EXPIRED'];
const EDITIONS: EditionCode[] = ['BASIC', 'PROFESSIONAL', 'ENTERPRISE', 'PREMIUM', 'WTP', 'CONTAINER'];

interface QuotaRef {
  id: string;
  region: { id: string; name: string };
  edition: { name: string };
  server?: { name: string } | null;
}

function BindDialog({ quota, onClose }: { quota: QuotaRef | null; onClose: (changed: boolean) => void }) {
  const [serverId, setServerId] = useState('');
  const [{ data }] = useQuery({ query: BindableServersDoc, variables: { regionId: quota?.region.id ?? '' }, pause: !quota });
  const [{ fetching, error }, bind] = useMutation(BindDoc);
  const servers = data?.servers.edges.map((e) => e.node) ?? [];
  const submit = async () => {
    if (!quota || !serverId) return;
    const result = await bind({ input: { quotaId: quota.id, serverId } });
    if (result.data) onClose(true);
  };
  return (
    <Dialog
      open={Boolean(quota)}
      title={`Bind ${quota?.edition.name ?? ''} quota`}
      onClose={() => onClose(false)}
      action={{ label: 'Bind and protect', onConfirm: submit, disabled: !serverId || fetching }}
    >
      <p className="muted">Binding enables protection on the server with this quota's edition and starts a full scan.</p>
      <label className="field">
        <span>Server (unprotected, in {quota?.region.name})</span>
        <select value={serverId} onChange={(e) => setServerId(e.target.value)}>
          <option value="">Choose a server…</option>
          {servers.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({label(s.agentStatus)})
            </option>
          ))}
        </select>
      </label>
      <ErrorNote error={error} />
    </Dialog>
  );
}

function UnbindDialog({ quota, onClose }: { quota: QuotaRef | null; onClose: (changed: boolean) => void }) {
  const [{ fetching, error }, unbind] = useMutation(UnbindDoc);
  const submit = async () => {
    if (!quota) return;
    const result = await unbind({ input: { quotaId: quota.id } });
    if (result.data) onClose(true);
  };
  return (
    <Dialog
      open={Boolean(quota)}
      title="Unbind quota"
      onClose={() => onClose(false)}
      action={{ label: 'Unbind', onConfirm: submit, disabled: fetching, danger: true }}
    >
      <p>
        {quota?.server?.name ?? 'The server'} will no longer be protected. The quota becomes <strong>idle</strong> and can be
        bound again.
      </p>
      <ErrorNote error={error} />
    </Dialog>
  );
}

function PurchaseDialog({ open, onClose }: { open: boolean; onClose: (changed: boolean) => void }) {
  const { regions } = useSession();
  const [regionId, setRegionId] = useState(regions[0]?.id ?? '');
  const [edition, setEdition] = useState<EditionCode>('ENTERPRISE');
  const [billingMode, setBillingMode] = useState<BillingMode>('YEARLY_MONTHLY');
  const [months, setMonths] = useState(12);
  const [count, setCount] = useState(1);
  const [{ fetching, error }, purchase] = useMutation(PurchaseDoc);
  const submit = async () => {
    const result = await purchase({ input: { regionId, edition, billingMode, months, count } });
    if (result.data) onClose(true);
  };
  return (
    <Dialog
      open={open}
      title="Purchase quotas"
      onClose={() => onClose(false)}
      action={{ label: 'Purchase', onConfirm: submit, disabled: fetching }}
    >
      <RegionSelect value={regionId} onChange={(id) => setRegionId(id)} />
      <label className="field">
        <span>Edition</span>
        <select value={edition} onChange={(e) => setEdition(e.target.value as EditionCode)}>
          {EDITIONS.map((e) => (
            <option key={e} value={e}>
              {label(e)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Billing mode</span>
        <select value={billingMode} onChange={(e) => setBillingMode(e.target.value as BillingMode)}>
          <option value="YEARLY_MONTHLY">{label('YEARLY_MONTHLY')}</option>
          <option value="ON_DEMAND">{label('ON_DEMAND')}</option>
        </select>
      </label>
      <div className="radio-row">
        <label className="field">
          <span>Months</span>
          <input type="number" min={1} max={60} value={months} onChange={(e) => setMonths(Number(e.target.value))} />
        </label>
        <label className="field">
          <span>Count</span>
          <input type="number" min={1} max={1000} value={count} onChange={(e) => setCount(Number(e.target.value))} />
        </label>
      </div>
      <ErrorNote error={error} />
    </Dialog>
  );
}

export function QuotasTab() {
  const canOperate = useCanOperate();
  const [f, update] = useUrlState(['regionId', 'quotaStatus', 'quotaEdition']);
  const [binding, setBinding] = useState<QuotaRef | null>(null);
  const [unbinding, setUnbinding] = useState<QuotaRef | null>(null);
  const [purchasing, setPurchasing] = useState(false);
  const filter = {
    regionId: f.regionId || null,
    status: f.quotaStatus ? [f.quotaStatus as QuotaStatus] : null,
    edition: f.quotaEdition ? [f.quotaEdition as EditionCode] : null,
  };
  const pages = usePages(JSON.stringify(filter));
  const [{ data, error, fetching }, refetch] = useQuery({
    query: QuotasDoc,
    variables: { first: 20, after: pages.after, filter },
  });
  const close = (changed: boolean) => {
    setBinding(null);
    setUnbinding(null);
    setPurchasing(false);
    if (changed) refetch({ requestPolicy: 'network-only' });
  };
  return (
    <section className="grid">
      <div className="toolbar">
        <RegionSelect value={f.regionId} onChange={(id) => update({ regionId: id })} allowAll />
        <Select
          label="Status"
          value={f.quotaStatus as QuotaStatus | ''}
          options={STATUSES}
          onChange={(v) => update({ quotaStatus: v })}
        />
        <Select
          label="Edition"
          value={f.quotaEdition as EditionCode | ''}
          options={EDITIONS}
          onChange={(v) => update({ quotaEdition: v })}
        />
        <span className="grow" />
        {canOperate && (
          <button type="button" className="primary" onClick={() => setPurchasing(true)}>
            Purchase quotas
          </button>
        )}
      </div>
      <PagedList
        connection={data?.quotas}
        fetching={fetching}
        error={error}
        what="quotas"
        pages={pages}
        empty="No quotas match. Purchase quotas to protect servers on a yearly/monthly basis."
      >
        {(quotas) => (
          <table data-testid="quotas-table">
            <thead>
              <tr>
                <th>Quota</th>
                <th>Edition</th>
                <th>Status</th>
                <th className="hide-phone">Billing</th>
                <th className="hide-phone">Expires</th>
                <th>Server</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {quotas.map((q) => (
                <tr key={q.id}>
                  <td>
                    <code title={q.id}>{q.id.slice(0, 8)}</code>
                    <div className="sub">{q.region.name}</div>
                  </td>
                  <td>{q.edition.name}</td>
                  <td>
                    <Badge value={q.status} />
                  </td>
                  <td className="hide-phone">{label(q.billingMode)}</td>
                  <td className="hide-phone">{dateTime(q.expiresAt)}</td>
                  <td>{q.server ? <Link href={`/servers/${q.server.id}`}>{q.server.name}</Link> : '—'}</td>
                  <td className="actions">
                    {canOperate && q.status === 'IDLE' && (
                      <button type="button" onClick={() => setBinding(q)}>
                        Bind
                      </button>
                    )}
                    {canOperate && q.status === 'IN_USE' && (
                      <button type="button" onClick={() => setUnbinding(q)}>
                        Unbind
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedList>
      <BindDialog quota={binding} onClose={close} />
      <UnbindDialog quota={unbinding} onClose={close} />
      <PurchaseDialog open={purchasing} onClose={close} />
    </section>
  );
}
