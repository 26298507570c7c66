import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { fieldErrors } from '../api/client.js';
import type { Endpoints } from '../api/endpoints.js';
import type { TicketType } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { Field, toCents, toIso, toLocalInput } from '../shared/Field.js';
import { formatDayTime, formatMoney } from '../shared/format.js';

const REENTRY = ['never', 'after_exit', 'always'] as const;

/** GA ticket types of the event: price, inventory, re-entry policy, validity; add one or edit one. */
export function TicketTypesView({ api, eventId }: { api: Endpoints; eventId: string }) {
  const { t } = useI18n();
  const [types, setTypes] = useState<TicketType[]>([]);
  const [editing, setEditing] = useState<TicketType | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setTypes((await api.ticketTypes(eventId)).items);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [api, eventId]);
  useEffect(() => { void load(); }, [load]);

  return (
    <div className="setup-grid">
      <section className="panel" aria-labelledby="ticket-types-title">
        <h2 id="ticket-types-title">{t('tickets.title')}</h2>
        <ErrorBanner error={error} onRetry={() => void load()} />
        {types.length === 0 && !error && <p className="muted">{t('tickets.none')}</p>}
        <ul className="plain-list" data-testid="ticket-types">
          {types.map((type) => (
            <li key={type.id} className="list-row">
              <div>
                <strong>{type.name}</strong> · {formatMoney(type.priceCents)}
                <div className="muted small">
                  {type.inventory === null ? t('tickets.soldUnlimited', { sold: type.sold }) : t('tickets.sold', { sold: type.sold, inventory: type.inventory })}
                  {' · '}{t(`tickets.reentry.${type.reentry}`)}
                  {type.validFrom || type.validUntil ? ` · ${formatDayTime(type.validFrom)} – ${formatDayTime(type.validUntil)}` : ''}
                </div>
              </div>
              <button type="button" className="button button-small" onClick={() => setEditing(type)}>{t('tickets.edit')}</button>
            </li>
          ))}
        </ul>
      </section>
      <TicketTypeForm key={editing?.id ?? 'new'} api={api} eventId={eventId} type={editing}
        onSaved={() => { setEditing(null); void load(); }} />
    </div>
  );
}

function TicketTypeForm({ api, eventId, type, onSaved }: { api: Endpoints; eventId: string; type: TicketType | null; onSaved(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState(type?.name ?? '');
  const [price, setPrice] = useState(type ? String(type.priceCents / 100) : '');
  const [inventory, setInventory] = useState(type?.inventory != null ? String(type.inventory) : '');
  const [reentry, setReentry] = useState<TicketType['reentry']>(type?.reentry ?? 'never');
  const [validFrom, setValidFrom] = useState(toLocalInput(type?.validFrom));
  const [validUntil, setValidUntil] = useState(toLocalInput(type?.validUntil));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error, t);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = {
        name: name.trim(), priceCents: toCents(price) ?? 0, inventory: inventory ? Number(inventory) : null, reentry,
        validFrom: validFrom ? toIso(validFrom) : null, validUntil: validUntil ? toIso(validUntil) : null,
      };
      if (type) await api.updateTicketType(type.id, body);
      else await api.createTicketType(eventId, { ...body, validFrom: body.validFrom ?? undefined, validUntil: body.validUntil ?? undefined });
      onSaved();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel editor-form" onSubmit={(e) => void submit(e)} aria-labelledby="ticket-form-title" data-testid="ticket-type-form">
      <h2 id="ticket-form-title">{type ? type.name : t('tickets.new')}</h2>
      <div className="form-grid">
        <Field label={t('tickets.name')} error={errors.name}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required />}
        </Field>
        <Field label={t('tickets.price')} error={errors.priceCents}>
          {(p) => <input {...p} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} required />}
        </Field>
        <Field label={t('tickets.inventory')} error={errors.inventory}>
          {(p) => <input {...p} type="number" min={0} value={inventory} onChange={(e) => setInventory(e.target.value)} />}
        </Field>
        <Field label={t('tickets.reentry')} error={errors.reentry}>
          {(p) => (
            <select {...p} value={reentry} onChange={(e) => setReentry(e.target.value as TicketType['reentry'])}>
              {REENTRY.map((r) => <option key={r} value={r}>{t(`tickets.reentry.${r}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('tickets.validFrom')} error={errors.validFrom}>
          {(p) => <input {...p} type="datetime-local" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />}
        </Field>
        <Field label={t('tickets.validUntil')} error={errors.validUntil}>
          {(p) => <input {...p} type="datetime-local" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} />}
        </Field>
      </div>
      <ErrorBanner error={Object.keys(errors).length ? null : error} />
      <button type="submit" className="button button-primary" disabled={busy}>{busy ? t('common.saving') : type ? t('common.save') : t('tickets.create')}</button>
    </form>
  );
}
