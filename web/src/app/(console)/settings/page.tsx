'use client';

import { Suspense } from 'react';
import { useSession } from '@/components/app-shell';
import { Tabs } from '@/components/ui';
import { useUrlState } from '@/lib/url-state';
import { ApiTokensPanel } from './api-tokens-panel';
import { AuditPanel } from './audit-panel';
import { PasswordPanel } from './password-panel';
import { UsersPanel } from './users-panel';

type Tab = 'account' | 'users' | 'tokens' | 'audit';

function Settings() {
  const { viewer } = useSession();
  const admin = viewer.role === 'ADMIN';
  const [url, update] = useUrlState(['tab']);
  const tabs: { id: Tab; label: string }[] = [
    { id: 'account', label: 'My account' },
    ...(admin
      ? ([
          { id: 'users', label: 'Users' },
          { id: 'tokens', label: 'API tokens' },
          { id: 'audit', label: 'Audit log' },
        ] as const)
      : []),
  ];
  const tab = tabs.some((t) => t.id === url.tab) ? (url.tab as Tab) : 'account';
  return (
    <div className="page">
      <h1>Settings</h1>
      <Tabs tabs={tabs} current={tab} onChange={(id) => update({ tab: id === 'account' ? '' : id }, true)} />
      {tab === 'account' && <PasswordPanel />}
      {tab === 'users' && <UsersPanel />}
      {tab === 'tokens' && <ApiTokensPanel />}
      {tab === 'audit' && <AuditPanel />}
    </div>
  );
}

export default function SettingsPage() {
  return (
    <Suspense>
      <Settings />
    </Suspense>
  );
}
