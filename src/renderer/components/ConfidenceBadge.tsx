import type { Confidence } from '../../shared/api';

const LABELS: Record<Confidence, { text: string; title: string }> = {
  official: { text: 'official', title: "Reported by the provider's billing API" },
  estimated: { text: 'estimated', title: 'Computed by Spendbar from usage or from the last known balance' },
  manual: { text: 'manual', title: 'Entered by hand' },
};

/** Says where a figure comes from, so an estimate never passes for the provider's own number. */
export function ConfidenceBadge({ confidence }: { confidence: Confidence }) {
  const label = LABELS[confidence];
  return (
    <span className={`badge badge-${confidence}`} title={label.title}>
      {label.text}
    </span>
  );
}
