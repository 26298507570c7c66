import type { Discrepancy } from '../db/night-close.js';
import type { LedgerKind } from '../domain/lists.js';
import type { BalanceTransaction } from './provider.js';

/** Minor units as the owner reads them: 3.50 EUR. */
export const formatCents = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency}`;

const LABEL = { charge: 'charge', fee: 'fee', refund: 'refund' } as const;
type Part = keyof typeof LABEL;

/** The key one provider object's money is compared under: its part (charge, fee, refund) and its id. */
const key = (part: Part, ref: string) => `${part} ${ref}`;

/**
 * Reconciliation (1): the ledger against the provider's balance
 * transactions, object by object. A charge is its amount (ch_…), its fee
 * the balance transaction's fee (txn_…), a refund the sum of its refund and
 * refund-failure movements (re_…). Every object whose two sides differ by
 * at least the threshold is a discrepancy: expected is the provider's
 * amount, actual the ledger's, delta actual − expected.
 */
export function compareWithProvider(
  ledger: { kind: LedgerKind; provider_ref: string; amount_cents: number }[], provider: BalanceTransaction[],
  options: { currency: string; thresholdCents: number },
): Discrepancy[] {
  const theirs = new Map<string, number>();
  const ours = new Map<string, number>();
  /** A fee's charge: a fee is compared only when the ledger has its charge (else the charge's discrepancy says it all). */
  const chargeOfFee = new Map<string, string>();
  const add = (map: Map<string, number>, k: string, cents: number) => map.set(k, (map.get(k) ?? 0) + cents);
  for (const t of provider) {
    if (!t.source) continue;
    if (t.type === 'charge' || t.type === 'payment') {
      add(theirs, key('charge', t.source), t.amountCents);
      if (t.feeCents > 0) {
        add(theirs, key('fee', t.id), -t.feeCents);
        chargeOfFee.set(key('fee', t.id), key('charge', t.source));
      }
    } else if (t.type === 'refund' || t.type === 'refund_failure' || t.type === 'payment_refund' || t.type === 'payment_failure_refund') {
      add(theirs, key('refund', t.source), t.amountCents);
    }
  }
  for (const e of ledger) {
    const part: Part = e.kind === 'refund_failed' ? 'refund' : e.kind as Part;
    if (part in LABEL) add(ours, key(part, e.provider_ref), e.amount_cents);
  }
  const found: Discrepancy[] = [];
  for (const k of [...new Set([...theirs.keys(), ...ours.keys()])].sort()) {
    const charge = chargeOfFee.get(k);
    if (charge && !ours.has(charge)) continue;
    const expected = theirs.get(k) ?? 0;
    const actual = ours.get(k) ?? 0;
    if (Math.abs(actual - expected) < options.thresholdCents) continue;
    const [part, ref] = k.split(' ') as [Part, string];
    const money = (cents: number) => formatCents(Math.abs(cents), options.currency);
    const message = !ours.has(k)
      ? `The provider has ${LABEL[part]} ${ref} of ${money(expected)}; the ledger does not (its webhook was lost). Resend the event from the provider's dashboard, then close again.`
      : !theirs.has(k)
        ? `The ledger has ${LABEL[part]} ${ref} of ${money(actual)}; the provider has no such movement tonight. Look it up at the provider before paying anything out.`
        : `The provider has ${LABEL[part]} ${ref} at ${money(expected)}, the ledger at ${money(actual)}. Check the object at the provider, then close again.`;
    found.push({ kind: 'provider_ledger', ref, expected_cents: expected, actual_cents: actual, delta_cents: actual - expected, message });
  }
  return found;
}

/** Reconciliation (4): the cash counted against the cash the box office took. */
export function compareCash(taken: number, counted: number, options: { currency: string; thresholdCents: number }): Discrepancy[] {
  const delta = counted - taken;
  if (Math.abs(delta) < options.thresholdCents) return [];
  const message = delta < 0
    ? `Cash is short by ${formatCents(-delta, options.currency)}: ${formatCents(taken, options.currency)} taken at the box office, ${formatCents(counted, options.currency)} counted. Count the tills again, then close again.`
    : `Cash is over by ${formatCents(delta, options.currency)}: a box-office sale may not have been entered. Find it, then close again.`;
  return [{ kind: 'cash', ref: 'cash', expected_cents: taken, actual_cents: counted, delta_cents: delta, message }];
}
