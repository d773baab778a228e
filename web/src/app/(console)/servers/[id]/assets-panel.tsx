'use client';

import { type ReactNode, useState } from 'react';
import { useQuery } from 'urql';
import { Empty, ErrorNote, Loading, Tabs } from '@/components/ui';
import { graphql } from '@/gql';
import { dateTime } from '@/lib/format';

const AssetsDoc = graphql(`
  query ServerAssets($serverId: ID!) {
    serverAssets(serverId: $serverId) {
      software {
        id
        name
        version
        architecture
        source
      }
      ports {
        id
        protocol
        address
        port
        pid
        process
      }
      processes {
        id
        pid
        name
        user
        executable
        commandLine
        startedAt
      }
      accounts {
        id
        name
        uid
        gid
        shell
        home
        loginShell
        sudo
        emptyPassword
        passwordChangedAt
      }
      autostart {
        id
        kind
        name
        command
        user
      }
    }
  }
`);

type Kind = 'software' | 'ports' | 'processes' | 'accounts' | 'autostart';

function AssetTable({ head, rows }: { head: string[]; rows: ReactNode[][] }) {
  if (rows.length === 0) return <Empty>Nothing reported.</Empty>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are a filtered snapshot, never reordered in place
            <tr key={i}>
              {cells.map((c, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AssetsPanel({ serverId }: { serverId: string }) {
  const [kind, setKind] = useState<Kind>('software');
  const [q, setQ] = useState('');
  const [{ data, error, fetching }] = useQuery({ query: AssetsDoc, variables: { serverId } });
  if (!data) return fetching ? <Loading what="Loading assets" /> : <ErrorNote error={error} />;
  const a = data.serverAssets;
  const match = (...values: (string | number | null | undefined)[]) =>
    !q ||
    values.some((v) =>
      String(v ?? '')
        .toLowerCase()
        .includes(q.toLowerCase()),
    );
  const tables: Record<Kind, { head: string[]; rows: ReactNode[][] }> = {
    software: {
      head: ['Name', 'Version', 'Architecture', 'Source'],
      rows: a.software.filter((s) => match(s.name, s.version)).map((s) => [s.name, s.version, s.architecture ?? '—', s.source]),
    },
    ports: {
      head: ['Protocol', 'Address', 'Port', 'Process'],
      rows: a.ports
        .filter((p) => match(p.port, p.process, p.address))
        .map((p) => [p.protocol, p.address, p.port, p.process ? `${p.process} (${p.pid})` : '—']),
    },
    processes: {
      head: ['PID', 'Name', 'User', 'Command line', 'Started'],
      rows: a.processes
        .filter((p) => match(p.name, p.user, p.commandLine, p.pid))
        .map((p) => [p.pid, p.name, p.user, <code key="c">{p.commandLine}</code>, dateTime(p.startedAt)]),
    },
    accounts: {
      head: ['Name', 'UID', 'Shell', 'Login', 'Sudo', 'Empty password', 'Password changed'],
      rows: a.accounts
        .filter((x) => match(x.name, x.uid, x.shell))
        .map((x) => [
          x.name,
          x.uid,
          x.shell,
          x.loginShell ? 'yes' : 'no',
          x.sudo ? 'yes' : 'no',
          x.emptyPassword ? <strong key="e">yes</strong> : 'no',
          x.passwordChangedAt ?? '—',
        ]),
    },
    autostart: {
      head: ['Kind', 'Name', 'Command', 'User'],
      rows: a.autostart.filter((x) => match(x.name, x.command)).map((x) => [x.kind, x.name, x.command ?? '—', x.user ?? '—']),
    },
  };
  return (
    <section className="grid">
      <div className="toolbar">
        <Tabs
          tabs={[
            { id: 'software', label: `Software (${a.software.length})` },
            { id: 'ports', label: `Ports (${a.ports.length})` },
            { id: 'processes', label: `Processes (${a.processes.length})` },
            { id: 'accounts', label: `Accounts (${a.accounts.length})` },
            { id: 'autostart', label: `Auto-start (${a.autostart.length})` },
          ]}
          current={kind}
          onChange={setKind}
        />
        <input type="search" placeholder="Filter" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Filter assets" />
      </div>
      <AssetTable {...tables[kind]} />
    </section>
  );
}
