'use client';

import { Suspense } from 'react';
import { Tabs } from '@/components/ui';
import { useUrlState } from '@/lib/url-state';
import { QuotasTab } from './quotas-tab';
import { ServersTab } from './servers-tab';

function ServersAndQuota() {
  const [state, update] = useUrlState(['tab']);
  const tab = state.tab === 'quotas' ? 'quotas' : 'servers';
  return (
    <div className="page">
      <h1>Servers &amp; Quota</h1>
      <Tabs
        tabs={[
          { id: 'servers', label: 'Servers' },
          { id: 'quotas', label: 'Quotas' },
        ]}
        current={tab}
        onChange={(id) => update({ tab: id === 'servers' ? '' : id }, true)}
      />
      {tab === 'servers' ? <ServersTab /> : <QuotasTab />}
    </div>
  );
}

export default function ServersPage() {
  return (
    <Suspense>
      <ServersAndQuota />
    </Suspense>
  );
}
