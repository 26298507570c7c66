import { useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { Table } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { useFormSubmit } from '../shared/useFormSubmit.js';
import { Field, toCents } from '../shared/Field.js';
import { TABLE_SIZE } from './floorGeometry.js';

/** One table's number, tier, seats, money and drawn size; the API's checks beside each field. */
export function TableDetailsForm({ api, table, onSaved }: { api: Endpoints; table: Table; onSaved(table: Table): void }) {
  const { t } = useI18n();
  const [number, setNumber] = useState(table.number);
  const [tier, setTier] = useState(table.tier ?? '');
  const [capacity, setCapacity] = useState(String(table.capacity));
  const [minSpend, setMinSpend] = useState(table.minSpendCents ? String(table.minSpendCents / 100) : '');
  const [deposit, setDeposit] = useState(table.depositCents ? String(table.depositCents / 100) : '');
  const [width, setWidth] = useState(String(table.width ?? TABLE_SIZE.width));
  const [height, setHeight] = useState(String(table.height ?? TABLE_SIZE.height));

  const { submit, busy, error, errors } = useFormSubmit(t, async () => onSaved(await api.updateTable(table.id, {
    number: number.trim(), capacity: Number(capacity), minSpendCents: toCents(minSpend) ?? 0, depositCents: toCents(deposit) ?? 0, width: Number(width), height: Number(height), ...(tier.trim() ? { tier: tier.trim() } : {}),
  })));

  return (
    <form className="editor-form" onSubmit={(e) => void submit(e)} data-testid="table-form">
      <div className="form-grid">
        <Field label={t('editor.number')} error={errors.number}>
          {(p) => <input {...p} value={number} onChange={(e) => setNumber(e.target.value)} maxLength={20} required />}
        </Field>
        <Field label={t('editor.tier')} error={errors.tier}>
          {(p) => <input {...p} value={tier} onChange={(e) => setTier(e.target.value)} maxLength={40} />}
        </Field>
        <Field label={t('editor.capacity')} error={errors.capacity}>
          {(p) => <input {...p} type="number" min={1} max={100} value={capacity} onChange={(e) => setCapacity(e.target.value)} required />}
        </Field>
        <Field label={t('editor.minSpend')} error={errors.minSpendCents}>
          {(p) => <input {...p} inputMode="decimal" value={minSpend} onChange={(e) => setMinSpend(e.target.value)} />}
        </Field>
        <Field label={t('editor.deposit')} error={errors.depositCents}>
          {(p) => <input {...p} inputMode="decimal" value={deposit} onChange={(e) => setDeposit(e.target.value)} />}
        </Field>
        <Field label={t('editor.width')} error={errors.width}>
          {(p) => <input {...p} type="number" min={1} max={100} step="any" value={width} onChange={(e) => setWidth(e.target.value)} required />}
        </Field>
        <Field label={t('editor.height')} error={errors.height}>
          {(p) => <input {...p} type="number" min={1} max={100} step="any" value={height} onChange={(e) => setHeight(e.target.value)} required />}
        </Field>
      </div>
      <ErrorBanner error={Object.keys(errors).length ? null : error} />
      <button type="submit" className="button button-primary" disabled={busy}>{busy ? t('common.saving') : t('common.save')}</button>
    </form>
  );
}
