// The shape of a triage rule as seeds froze it (services/triage/rule-schema.ts TriageRule at the time; migrations do
// not import services, so a later change to the service's type cannot change what an old migration wrote).
export interface FrozenTriageRule {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  conditions: Record<string, unknown>;
  actions: Record<string, unknown>;
}
