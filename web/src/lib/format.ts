const LABELS: Record<string, string> = {
  ONLINE: 'Online',
  OFFLINE: 'Offline',
  NOT_INSTALLED: 'Not installed',
  ENABLED: 'Enabled',
  DISABLED: 'Disabled',
  INTERRUPTED: 'Interrupted',
  RISKY: 'Risky',
  SAFE: 'Safe',
  PENDING: 'Pending',
  YEARLY_MONTHLY: 'Yearly/monthly',
  ON_DEMAND: 'On demand',
  IDLE: 'Idle',
  IN_USE: 'In use',
  EXPIRED: 'Expired',
  UNHANDLED: 'Unhandled',
  HANDLED: 'Handled',
  IGNORED: 'Ignored',
  ISOLATED: 'Isolated',
  WHITELISTED: 'Whitelisted',
  OPEN: 'Open',
  FIXED: 'Fixed',
  QUEUED: 'Queued',
  RUNNING: 'Running',
  DONE: 'Done',
  FAILED: 'Failed',
  TIMED_OUT: 'Timed out',
  CRITICAL: 'Critical',
  HIGH: 'High',
  MEDIUM: 'Medium',
  LOW: 'Low',
};

/** "NOT_INSTALLED" → "Not installed"; unknown values get the same treatment. */
export function label(value: string | null | undefined): string {
  if (!value) return '—';
  return LABELS[value] ?? value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ');
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function ago(iso: string | null | undefined): string {
  if (!iso) return '—';
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 60) return `${Math.max(s, 0)} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}
