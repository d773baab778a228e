'use client';

import Link from 'next/link';
import { useParams } from 'next/navigation';
import { Suspense, useState } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { useCanOperate } from '@/components/app-shell';
import { DisableProtectionDialog, EnableProtectionDialog } from '@/components/protection-dialogs';
import { Badge, ErrorNote, Loading, Tabs } from '@/components/ui';
import { graphql } from '@/gql';
import type { AgentStatus, ScanStatus } from '@/gql/graphql';
import { ago, dateTime, label } from '@/lib/format';
import { useThrottled } from '@/lib/live';
import { useUrlState } from '@/lib/url-state';
import { AlarmsTable } from '../../alarms/alarms-table';
import { AgentActions } from './agent-actions';
import { AssetsPanel } from './assets-panel';
import { FindingsPanel } from './findings-panel';

const ServerDoc = graphql(`
  query ServerDetail($id: ID!) {
    server(id: $id) {
      id
      name
      hostname
      ips
      osType
      osName
      osVersion
      architecture
      hosting
      group
      machineId
      agentStatus
      agentOfflineReason
      agentStatusSince
      protectionStatus
      protectionInterruptedCause
      detectionResult
      billingMode
      trialEndsAt
      lastScanAt
      inventoryAt
      riskScore
      createdAt
      edition {
        code
        name
      }
      quota {
        id
        expiresAt
      }
      region {
        id
        name
      }
      agent {
        version
        enrolledAt
        lastSeenAt
        revokedAt
        credentialRotatedAt
        credentialRotationPending
      }
      openFindings {
        critical
        high
        medium
        low
        total
      }
    }
    scanTasks(serverId: $id, last: 5) {
      id
      status
      trigger
      progress
      createdAt
      finishedAt
      error
    }
  }
`);

const StartScanDoc = graphql(`
  mutation StartScan($input: StartScanInput!) {
    startScan(input: $input) {
      scanTask {
        id
        status
        progress
      }
    }
  }
`);

const ScanProgressDoc = graphql(`
  subscription ServerScanProgress($serverId: ID!) {
    scanProgress(serverId: $serverId) {
      scanTaskId
      status
      progress
    }
  }
`);

const StatusDoc = graphql(`
  subscription ServerAgentStatus($serverIds: [ID!]) {
    agentStatusChanged(serverIds: $serverIds) {
      serverId
      status
      offlineReason
      since
    }
  }
`);

type Tab = 'overview' | 'assets' | 'findings' | 'alarms';

function ServerDetail() {
  const { id } = useParams<{ id: string }>();
  const canOperate = useCanOperate();
  const [url, update] = useUrlState(['tab']);
  const tab = (['assets', 'findings', 'alarms'].includes(url.tab) ? url.tab : 'overview') as Tab;
  const [{ data, error, fetching }, refetch] = useQuery({ query: ServerDoc, variables: { id } });
  const [scan, setScan] = useState<{ scanTaskId: string; status: ScanStatus; progress: number } | null>(null);
  const [liveStatus, setLiveStatus] = useState<AgentStatus | null>(null);
  const [dialog, setDialog] = useState<'enable' | 'disable' | null>(null);
  const [start, startScan] = useMutation(StartScanDoc);
  const refresh = useThrottled(() => refetch({ requestPolicy: 'network-only' }), 500);

  useSubscription({ query: ScanProgressDoc, variables: { serverId: id } }, (_p, event) => {
    setScan(event.scanProgress);
    if (['DONE', 'FAILED', 'TIMED_OUT'].includes(event.scanProgress.status)) refresh();
    return event;
  });
  useSubscription({ query: StatusDoc, variables: { serverIds: [id] } }, (_p, event) => {
    setLiveStatus(event.agentStatusChanged.status);
    refresh();
    return event;
  });

  if (!data) return fetching ? <Loading what="Loading the server" /> : <ErrorNote error={error} />;
  const s = data.server;
  const agentStatus = liveStatus ?? s.agentStatus;
  const latest = data.scanTasks[0];
  const running =
    scan ??
    (latest && ['QUEUED', 'RUNNING'].includes(latest.status)
      ? { scanTaskId: latest.id, status: latest.status, progress: latest.progress }
      : null);

  const scanNow = async () => {
    const result = await startScan({ input: { serverId: s.id } });
    if (result.data)
      setScan({ scanTaskId: result.data.startScan.scanTask.id, status: result.data.startScan.scanTask.status, progress: 0 });
  };
  const closeDialog = (changed: boolean) => {
    setDialog(null);
    if (changed) refetch({ requestPolicy: 'network-only' });
  };

  return (
    <div className="page">
      <div className="toolbar">
        <div className="grow">
          <div className="small muted">
            <Link href="/servers">Servers &amp; Quota</Link> › {s.region.name}
          </div>
          <h1>{s.name}</h1>
        </div>
        <Badge value={agentStatus} testId="agent-status" />
        <Badge value={s.protectionStatus} testId="protection-status" />
        <Badge value={s.detectionResult} testId="detection-result" />
        {canOperate && (
          <>
            <button
              type="button"
              className="primary"
              onClick={scanNow}
              disabled={start.fetching || s.protectionStatus !== 'ENABLED'}
            >
              Scan now
            </button>
            {s.protectionStatus === 'DISABLED' ? (
              <button type="button" onClick={() => setDialog('enable')}>
                Enable protection
              </button>
            ) : (
              <button type="button" onClick={() => setDialog('disable')}>
                Disable protection
              </button>
            )}
          </>
        )}
      </div>
      <ErrorNote error={start.error} />
      {running && (
        <div className="card" data-testid="scan-progress" data-status={running.status}>
          <div className="toolbar">
            <strong>Full scan</strong> <Badge value={running.status} /> <span className="muted">{running.progress}%</span>
          </div>
          <div className="progress" role="progressbar" aria-valuenow={running.progress} aria-valuemin={0} aria-valuemax={100}>
            <span style={{ width: `${running.progress}%` }} />
          </div>
          {running.status === 'QUEUED' && agentStatus !== 'ONLINE' && (
            <p className="muted small">The agent is offline; the scan starts when it reconnects.</p>
          )}
        </div>
      )}
      <Tabs
        tabs={[
          { id: 'overview', label: 'Overview' },
          { id: 'assets', label: 'Assets' },
          { id: 'findings', label: `Findings (${s.openFindings.total})` },
          { id: 'alarms', label: 'Alarms' },
        ]}
        current={tab}
        onChange={(t) => update({ tab: t === 'overview' ? '' : t })}
      />
      {tab === 'overview' && (
        <div className="grid two">
          <section className="card">
            <h2>Host</h2>
            <dl className="kv">
              <dt>Hostname</dt>
              <dd>{s.hostname}</dd>
              <dt>IP addresses</dt>
              <dd>{s.ips.join(', ') || '—'}</dd>
              <dt>OS</dt>
              <dd>{[s.osName, s.osVersion].filter(Boolean).join(' ') || label(s.osType)}</dd>
              <dt>Architecture</dt>
              <dd>{label(s.architecture)}</dd>
              <dt>Hosting</dt>
              <dd>{label(s.hosting)}</dd>
              <dt>Group</dt>
              <dd>{s.group ?? '—'}</dd>
              <dt>Machine id</dt>
              <dd>
                <code>{s.machineId ?? '—'}</code>
              </dd>
              <dt>Registered</dt>
              <dd>{dateTime(s.createdAt)}</dd>
            </dl>
          </section>
          <section className="card">
            <h2>Agent and protection</h2>
            <dl className="kv">
              <dt>Agent</dt>
              <dd>
                {label(agentStatus)}
                {s.agentOfflineReason && agentStatus === 'OFFLINE' ? ` (${label(s.agentOfflineReason)})` : ''} since{' '}
                {ago(s.agentStatusSince)}
              </dd>
              <dt>Agent version</dt>
              <dd>{s.agent?.version ?? '—'}</dd>
              <dt>Last seen</dt>
              <dd>{ago(s.agent?.lastSeenAt)}</dd>
              <dt>Credential</dt>
              <dd>
                {s.agent?.revokedAt
                  ? `revoked ${dateTime(s.agent.revokedAt)}`
                  : s.agent?.credentialRotationPending
                    ? 'rotation pending (delivered when the agent is online)'
                    : s.agent?.credentialRotatedAt
                      ? `rotated ${dateTime(s.agent.credentialRotatedAt)}`
                      : s.agent
                        ? 'as enrolled'
                        : '—'}
              </dd>
              <dt>Edition</dt>
              <dd>{s.edition?.name ?? '—'}</dd>
              <dt>Billing</dt>
              <dd>
                {label(s.billingMode)}
                {s.trialEndsAt ? ` · trial ends ${dateTime(s.trialEndsAt)}` : ''}
              </dd>
              <dt>Quota</dt>
              <dd>{s.quota ? `${s.quota.id.slice(0, 8)} · expires ${dateTime(s.quota.expiresAt)}` : '—'}</dd>
              <dt>Last scan</dt>
              <dd>{dateTime(s.lastScanAt)}</dd>
              <dt>Assets reported</dt>
              <dd>{dateTime(s.inventoryAt)}</dd>
              <dt>Open findings</dt>
              <dd>
                {s.openFindings.critical} critical · {s.openFindings.high} high · {s.openFindings.medium} medium ·{' '}
                {s.openFindings.low} low
              </dd>
            </dl>
            {canOperate && s.agent && !s.agent.revokedAt && (
              <AgentActions serverId={s.id} serverName={s.name} onChanged={refresh} />
            )}
          </section>
          <section className="card">
            <h2>Recent scans</h2>
            {data.scanTasks.length === 0 ? (
              <p className="muted">No scans yet.</p>
            ) : (
              <table className="compact">
                <tbody>
                  {data.scanTasks.map((t) => (
                    <tr key={t.id}>
                      <td>{dateTime(t.createdAt)}</td>
                      <td>{label(t.trigger)}</td>
                      <td>
                        <Badge value={t.status} />
                      </td>
                      <td className="muted small">
                        {t.error ?? (t.finishedAt ? `finished ${ago(t.finishedAt)}` : `${t.progress}%`)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      )}
      {tab === 'assets' && <AssetsPanel serverId={s.id} />}
      {tab === 'findings' && <FindingsPanel serverId={s.id} onChanged={refresh} />}
      {tab === 'alarms' && <AlarmsTable serverId={s.id} />}
      <EnableProtectionDialog server={dialog === 'enable' ? s : null} onClose={closeDialog} />
      <DisableProtectionDialog server={dialog === 'disable' ? s : null} onClose={closeDialog} />
    </div>
  );
}

export default function ServerDetailPage() {
  return (
    <Suspense>
      <ServerDetail />
    </Suspense>
  );
}
