'use client';

import { type ReactNode, useEffect, useId, useRef } from 'react';
import type { CombinedError } from 'urql';
import { errorMessage } from '@/lib/errors';
import { label } from '@/lib/format';

/** A status as a coloured pill; `data-status` lets tests and styles find the value. */
export function Badge({ value, testId }: { value: string | null | undefined; testId?: string }) {
  return (
    <span className={`badge badge-${(value ?? 'none').toLowerCase()}`} data-status={value ?? ''} data-testid={testId}>
      {label(value)}
    </span>
  );
}

/** An API error in the API's own words, next to the action that caused it. */
export function ErrorNote({ error, message }: { error?: CombinedError | null; message?: string | null }) {
  const text = message ?? errorMessage(error);
  if (!text) return null;
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="muted" aria-busy="true">
      {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/**
 * A modal dialog on the native <dialog>: focus moves into it and is kept there, Escape closes
 * it, and focus returns to the opener — keyboard users get all of that from the browser.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={onClose} className="dialog">
      {open && (
        <>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </header>
          <div className="dialog-body">{children}</div>
          {footer && <footer className="dialog-footer">{footer}</footer>}
        </>
      )}
    </dialog>
  );
}

export function Tabs<T extends string>({
  tabs,
  current,
  onChange,
}: {
  tabs: { id: T; label: string }[];
  current: T;
  onChange: (id: T) => void;
}) {
  return (
    <div className="tabs" role="tablist">
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          aria-selected={tab.id === current}
          className={tab.id === current ? 'tab active' : 'tab'}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

/** Forward-only keyset pagination with a stack of the cursors already visited. */
export function Pager({
  cursors,
  hasNext,
  endCursor,
  total,
  onChange,
}: {
  cursors: (string | null)[];
  hasNext: boolean;
  endCursor: string | null | undefined;
  total: number | undefined;
  onChange: (cursors: (string | null)[]) => void;
}) {
  return (
    <nav className="pager" aria-label="Pagination">
      <span className="muted">{total === undefined ? '' : `${total} in all · page ${cursors.length}`}</span>
      <button type="button" disabled={cursors.length <= 1} onClick={() => onChange(cursors.slice(0, -1))}>
        ← Previous
      </button>
      <button type="button" disabled={!hasNext || !endCursor} onClick={() => onChange([...cursors, endCursor ?? null])}>
        Next →
      </button>
    </nav>
  );
}

export function Select<T extends string>({
  label: text,
  value,
  options,
  onChange,
  allLabel = 'All',
}: {
  label: string;
  value: T | '';
  options: readonly T[];
  onChange: (value: T | '') => void;
  allLabel?: string;
}) {
  return (
    <label className="field inline">
      <span>{text}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as T | '')}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {label(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
