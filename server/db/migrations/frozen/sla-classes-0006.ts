// Frozen: the legal clock of each ticket class that migration 0006 seeded into sla_policies, one row per class and
// priority (services/org/categories.ts TICKET_CLASSES as it stood then). Never edit: a database migrated then holds
// these rows, and a fresh one must end the same; a changed default needs a new migration with its own frozen copy.
export interface FrozenClockTarget {
  amount: number;
  unit: 'working_hours' | 'working_days' | 'calendar_days';
}

export interface FrozenSlaClass {
  code: string;
  firstResponse: FrozenClockTarget;
  resolution: FrozenClockTarget;
  resolutionFrom: 'receipt' | 'acceptance';
}

export const SLA_CLASSES_0006: readonly FrozenSlaClass[] = [
  { code: 'phan_anh_kien_nghi', firstResponse: { amount: 8, unit: 'working_hours' }, resolution: { amount: 15, unit: 'calendar_days' }, resolutionFrom: 'receipt' },
  { code: 'khieu_nai', firstResponse: { amount: 10, unit: 'calendar_days' }, resolution: { amount: 30, unit: 'calendar_days' }, resolutionFrom: 'acceptance' },
  { code: 'to_cao', firstResponse: { amount: 7, unit: 'working_days' }, resolution: { amount: 30, unit: 'calendar_days' }, resolutionFrom: 'acceptance' },
  { code: 'khan', firstResponse: { amount: 4, unit: 'working_hours' }, resolution: { amount: 1, unit: 'working_days' }, resolutionFrom: 'receipt' },
];

/** The priorities 0006 gave every class a policy row for. */
export const SLA_PRIORITIES_0006: readonly string[] = ['low', 'normal', 'high', 'urgent'];
