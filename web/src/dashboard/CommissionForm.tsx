import { useState } from 'react';
import type { Endpoints } from '../api/endpoints.js';
import type { PromoterReport } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { ErrorBanner } from '../shared/ErrorBanner.js';
import { useFormSubmit } from '../shared/useFormSubmit.js';
import { Field, toCents } from '../shared/Field.js';

type Commission = PromoterReport['commission'];

/** The event's commission rule: none, a percentage of the revenue of people who came in, or an amount per head. */
export function CommissionForm({ api, eventId, value, onSaved }: { api: Endpoints; eventId: string; value: Commission; onSaved(c: Commission): void }) {
  const { t } = useI18n();
  const [rule, setRule] = useState(value.rule);
  const [percent, setPercent] = useState(value.basisPoints ? String(value.basisPoints / 100) : '');
  const [perHead, setPerHead] = useState(value.perHeadCents ? String(value.perHeadCents / 100) : '');

  const { submit, busy, error, errors } = useFormSubmit(t, async () => onSaved(await api.setCommission(eventId, {
    rule, basisPoints: rule === 'revenue_share' ? Math.round(Number(percent) * 100) : 0,
    perHeadCents: rule === 'per_head' ? toCents(perHead) ?? 0 : 0,
  })));

  return (
    <form className="editor-form" onSubmit={(e) => void submit(e)} data-testid="commission-form">
      <div className="form-grid">
        <Field label={t('promoters.rule')}>
          {(p) => (
            <select {...p} value={rule} onChange={(e) => setRule(e.target.value as Commission['rule'])}>
              <option value="none">{t('promoters.ruleNoneOption')}</option>
              <option value="revenue_share">{t('promoters.ruleShareOption')}</option>
              <option value="per_head">{t('promoters.rulePerHeadOption')}</option>
            </select>
          )}
        </Field>
        {rule === 'revenue_share' && (
          <Field label={t('promoters.percent')} error={errors.basisPoints}>
            {(p) => <input {...p} inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value)} required />}
          </Field>
        )}
        {rule === 'per_head' && (
          <Field label={t('promoters.perHead')} error={errors.perHeadCents}>
            {(p) => <input {...p} inputMode="decimal" value={perHead} onChange={(e) => setPerHead(e.target.value)} required />}
          </Field>
        )}
      </div>
      <ErrorBanner error={Object.keys(errors).length ? null : error} />
      <button type="submit" className="button" disabled={busy}>{busy ? t('common.saving') : t('common.save')}</button>
    </form>
  );
}
